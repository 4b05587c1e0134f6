# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ImplementationCommon


@tagged("post_install", "-at_install")
class TestMethod(ImplementationCommon):
    def test_a_project_is_made_from_the_eight_steps(self):
        project = self._project()
        self.assertEqual(
            project.milestone_ids.sorted("sequence").mapped("cxm_step"),
            [
                "key_users",
                "training",
                "analysis",
                "customisation",
                "integration",
                "testing",
                "enduser_training",
                "live",
            ],
        )
        analysis = self._milestone(project, "analysis")
        self.assertIn("Solution design review and approval", analysis.task_ids.mapped("name"))
        self.assertEqual(len(project.task_ids), self.env["cxm.implementation.key.point"].search_count([]))
        self.assertEqual(project.privacy_visibility, "followers", "documents hold customer data")
        self.assertEqual(project.cxm_step, "key_users")
        with self.assertRefused(UserError, "cannot be deleted"):
            analysis.unlink()

    def test_training_step_is_blocked_with_exactly_what_is_missing(self):
        project = self._project()
        self._key_users(project, (self.marketing, "marketing_sales"), (self.it, "customer_service"))
        self._milestone(project, "key_users").is_reached = True
        training = self._milestone(project, "training")
        with self.assertRaises(UserError) as caught:
            training.with_user(self.pm).is_reached = True
        message = str(caught.exception)
        self.assertIn("At least three key users are needed, 2 assigned.", message)
        self.assertIn("No key user for IT.", message)
        self.assertIn("Işık Bilgi (Customer service) holds no valid design and customisation certificate.", message)
        self.assertNotIn("Ayla Pazar", message, "a certified key user is not listed")
        self.assertFalse(training.is_reached)
        self.assertEqual(project.cxm_step, "training")
        self.assertEqual(project.cxm_key_user_gaps.count("\n"), 2, "the form lists the same three gaps")

        # certify the IT person, give the roles their people: the step passes
        self._certify(self.it)
        project.cxm_key_user_ids.filtered(lambda k: k.partner_id == self.it).role = "it"
        self._key_users(project, (self.service, "customer_service"))
        training.with_user(self.pm).is_reached = True
        self.assertEqual(project.cxm_step, "analysis")
        self.assertFalse(project.cxm_key_user_gaps)

    def test_an_expired_certificate_does_not_count(self):
        project = self._project()
        self._certify(self.it, expiry=date.today() - timedelta(days=1))
        self._key_users(
            project, (self.marketing, "marketing_sales"), (self.service, "customer_service"), (self.it, "it")
        )
        self._milestone(project, "key_users").is_reached = True
        with self.assertRefused(UserError, r"Işık Bilgi \(IT\) holds no valid"):
            self._milestone(project, "training").is_reached = True

    def test_a_replacement_must_be_certified_before_joining(self):
        project = self._project()
        self._certify(self.it)
        key_users = self._key_users(
            project, (self.marketing, "marketing_sales"), (self.service, "customer_service"), (self.it, "it")
        )
        self._milestone(project, "key_users").is_reached = True
        self._milestone(project, "training").is_reached = True
        newcomer = self.env["res.partner"].create({"name": "Deniz Yeni", "parent_id": self.customer.id})
        with self.assertRefused(ValidationError, "Deniz Yeni cannot join as a key user"):
            self._key_users(project, (newcomer, "it"))
        self.assertEqual(project.cxm_key_user_ids, key_users)
        self._certify(newcomer)
        key_users[2].active = False
        self._key_users(project, (newcomer, "it"))
        self.assertEqual(project.cxm_key_user_ids.partner_id, self.marketing | self.service | newcomer)

    def test_steps_are_passed_in_order(self):
        project = self._project()
        with self.assertRaises(UserError) as caught:
            self._milestone(project, "analysis").is_reached = True
        self.assertIn("Step 1. Key user assignment is not reached yet.", str(caught.exception))
        self.assertIn("Step 2. Design & customisation training is not reached yet.", str(caught.exception))
        self.assertIn("The Solution Design has no approved version.", str(caught.exception))
        self.assertEqual(project.cxm_step, "key_users")

    def test_questionnaire_goes_to_certified_key_users_and_answers_reach_the_analysis(self):
        project = self._project()
        with self.assertRefused(UserError, "No certified key user"):
            project.action_cxm_send_raqs()
        self._key_users(project, (self.marketing, "marketing_sales"), (self.it, "it"))
        action = project.action_cxm_send_raqs()
        self.assertEqual(action["context"]["default_partner_ids"], self.marketing.ids, "uncertified Işık is left out")
        survey = project.cxm_raqs_survey_id.sudo()  # the key user answers through the survey's token
        question = survey.question_ids.sorted("sequence")[0]
        answer = survey._create_answer(partner=self.marketing, check_attempts=False)
        answer._save_lines(question, "Phone, e-mail and a complaint site")
        answer._mark_done()
        doc = self.env["cxm.implementation.document"]._cxm_generate(project, ["pad"])
        requirements = next(s for s in doc._cxm_sections() if s["key"] == "requirements")
        self.assertIn(
            [question.title, "Ege Gıda A.Ş., Ayla Pazar", "Phone, e-mail and a complaint site"], requirements["rows"]
        )

    def test_hypercare_counts_down_and_counts_the_customers_tickets(self):
        project = self._project(cxm_go_live_date=date.today() - relativedelta(days=3))
        self.assertEqual(project.cxm_hypercare_end, date.today() + relativedelta(days=11))
        self.assertEqual(project.cxm_hypercare_days_left, 11)
        self.env["helpdesk.ticket"].create(
            {"name": "Cannot log in", "description": "<p>x</p>", "partner_id": self.service.id}
        )
        self.env["helpdesk.ticket"].create({"name": "Other customer", "description": "<p>x</p>"})
        project.invalidate_recordset(["cxm_hypercare_ticket_count"])
        self.assertEqual(project.cxm_hypercare_ticket_count, 1)

    def test_scenarios_cover_transitions_and_record_runs(self):
        project = self._project()
        transitions = self.process.transition_ids
        scenario = (
            self.env["cxm.implementation.test.scenario"]
            .with_user(self.member)
            .create(
                {
                    "project_id": project.id,
                    "name": "Resolve",
                    "process_id": self.process.id,
                    "transition_ids": [(6, 0, transitions[:2].ids)],
                    "is_pilot": True,
                }
            )
        )
        self.assertEqual(scenario.process_coverage, f"2 / {len(transitions)} transitions")
        run = self.env["cxm.implementation.test.run"].with_user(self.member)
        run.create({"scenario_id": scenario.id, "result": "fail", "date": "2026-01-01 10:00:00"})
        self.assertEqual(scenario.last_result, "fail")
        later = run.create({"scenario_id": scenario.id, "result": "pass", "date": "2026-01-02 10:00:00"})
        self.assertEqual((scenario.last_result, later.user_id), ("pass", self.member))
        other = self.env.ref("cxm_process.template_information")
        with self.assertRefused(ValidationError, "covers transitions of another process"):
            scenario.transition_ids = [(4, other.transition_ids[0].id)]
