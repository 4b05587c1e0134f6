import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

/**
 * Shows the pop-up of a call pushed by the PBX (cxm_cti/call notifications
 * sent over the bus to the mapped agent's partner).
 */
export const cxmCtiService = {
    dependencies: ["bus_service", "notification", "action", "orm", "menu"],
    start(env, { bus_service, notification, action, orm, menu }) {
        bus_service.subscribe("cxm_cti/call", (payload) => {
            const who = payload.customer || payload.caller;
            const close = notification.add(_t("Call from %s", who), {
                title: _t("Incoming call"),
                type: "info",
                sticky: true,
                className: "o_cxm_cti_incoming",
                buttons: [
                    {
                        name: _t("Open"),
                        primary: true,
                        onClick: async () => {
                            // the call becomes the agent's (Taken by) and opens in Customer Experience
                            const callAction = await orm.call("cxm.cti.call", "action_cxm_take", [
                                [payload.call_id],
                            ]);
                            await action.doAction(callAction);
                            // whatever app the agent was in (Discuss...), the 360° view is part of
                            // Customer Experience: its menu and breadcrumbs stay there
                            const app = menu.getApps().find((m) => m.xmlid === "cxm_base.menu_cxm_root");
                            if (app && menu.getCurrentApp()?.id !== app.id) {
                                menu.setCurrentMenu(app);
                            }
                            close();
                        },
                    },
                ],
            });
        });
    },
};

registry.category("services").add("cxm_cti", cxmCtiService);
