import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

registry.category("discuss.channel_commands").add("ticket", {
    condition: ({ store }) => store.has_access_livechat,
    channel_types: ["livechat"],
    help: _t("Open a ticket of this conversation (/ticket title)"),
    methodName: "execute_command_ticket",
});
