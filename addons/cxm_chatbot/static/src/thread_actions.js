import { registerThreadAction } from "@mail/core/common/thread_actions";

import { _t } from "@web/core/l10n/translation";

/**
 * "Create Ticket" in the header of a live-chat conversation, for operators who may open tickets: the
 * conversation becomes a ticket (the same server path as /ticket) and the ticket opens in a dialog.
 */
registerThreadAction("cxm-create-ticket", {
    condition: ({ owner, store, thread }) =>
        thread?.model === "discuss.channel" &&
        thread.channel_type === "livechat" &&
        Boolean(store.cxm_can_create_ticket) &&
        !owner.isDiscussSidebarChannelActions,
    icon: "fa fa-fw fa-life-ring",
    name: _t("Create Ticket"),
    open: async ({ store, thread }) => {
        const action = await store.env.services.orm.call(
            "discuss.channel",
            "action_cxm_create_ticket",
            [[thread.id]]
        );
        await store.env.services.action.doAction(action);
    },
    sequence: 20,
    sequenceGroup: 25,
});
