import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

/**
 * Shows the pop-up of a call pushed by the PBX (cxm_cti/call notifications
 * sent over the bus to the mapped agent's partner).
 */
export const cxmCtiService = {
    dependencies: ["bus_service", "notification", "action"],
    start(env, { bus_service, notification, action }) {
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
                        onClick: () => {
                            action.doAction({
                                type: "ir.actions.act_window",
                                res_model: "cxm.cti.call",
                                res_id: payload.call_id,
                                views: [[false, "form"]],
                            });
                            close();
                        },
                    },
                ],
            });
        });
    },
};

registry.category("services").add("cxm_cti", cxmCtiService);
