import { registry } from "@web/core/registry";

/**
 * A project manager tries to pass the training step of an implementation
 * whose key users are not ready (made by the Python test): the tab lists what
 * is missing, and "Pass Step" is refused with the same list.
 */
registry.category("web_tour.tours").add("cxm_implementation_key_user_gate_tour", {
    steps: () => [
        {
            content: "Open the Implementation tab",
            trigger: ".o_notebook .nav-link:contains(Implementation)",
            run: "click",
        },
        {
            content: "The tab lists what is missing",
            trigger: ".o_cxm_key_user_gaps:contains(No key user for IT.):contains(Gate Uncertified)",
        },
        {
            content: "The step badge says training",
            trigger: ".o_form_statusbar .o_field_widget[name=cxm_step]:contains(Design)",
        },
        {
            content: "Try to pass the training step",
            trigger: "button[name=action_cxm_next_step]",
            run: "click",
        },
        {
            content: "Refused, with exactly what is missing",
            trigger: ".modal:contains(cannot pass step):contains(At least three key users are needed, 2 assigned.)",
        },
        {
            trigger: ".modal:contains(Gate Uncertified (Customer service) holds no valid design and customisation certificate.)",
        },
        {
            content: "Close the message",
            trigger: ".modal .btn-primary",
            run: "click",
        },
        {
            content: "The project is still at the training step",
            trigger: "body:not(:has(.modal)) .o_form_statusbar .o_field_widget[name=cxm_step]:contains(Design)",
        },
    ],
});
