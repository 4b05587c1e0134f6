/** @odoo-module **/
// The customer opens the rating link of their ticket, picks "Happy", writes a comment and sends it.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("cxm_csat_rating_tour", {
    steps: () => [
        {trigger: ".o_rating_page_submit form", content: "The rating page of the ticket"},
        {trigger: "label[for='rate_5']", run: "click", content: "Happy"},
        {trigger: "textarea[name='feedback']", run: "edit Quick and kind, thank you"},
        {trigger: "button[type='submit']", run: "click", expectUnloadPage: true},
        {trigger: ".o_rating_page_thank_you", content: "The answer is recorded"},
    ],
});
