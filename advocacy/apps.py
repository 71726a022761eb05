from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class AdvocacyConfig(AppConfig):
    name = "advocacy"
    verbose_name = gettext_lazy("Advocacy")

    def ready(self) -> None:
        from advocacy import demo, due, forms, models, panels, report_measures, scale
        from crisis_center import calendar, records, service_hours
        from crisis_center import demo as demo_data
        from crisis_center import panels as page_panels
        from crisis_center import scale as scale_data
        from crisis_center.records import Kind
        from intake import service_ledger

        records.register(
            Kind(
                "medical",
                models.MedicalAdvocacy,
                forms.MedicalAdvocacyForm,
                gettext_lazy("Medical advocacy"),
                "occurred_at",
                detail_template="advocacy/medical_detail.html",  # with "follow-up done"
            )
        )
        records.register(
            Kind(
                "legal",
                models.LegalAdvocacy,
                forms.LegalAdvocacyForm,
                gettext_lazy("Legal advocacy"),
                "occurred_at",
                select_related=("incident",),  # its page names the incident
            )
        )
        records.register(
            Kind(
                "counseling",
                models.CounselingSession,
                forms.CounselingSessionForm,
                gettext_lazy("Counseling session"),
                "occurred_at",
                capability="log_counseling",
            )
        )
        records.register(
            Kind(
                "accompaniment",
                models.Accompaniment,
                forms.AccompanimentForm,
                gettext_lazy("Accompaniment"),
                "occurred_at",
            )
        )
        records.register(
            Kind(
                "goal",
                models.ServiceGoal,
                forms.ServiceGoalForm,
                gettext_lazy("Service goal"),
                "created_at",
            )
        )
        records.register(
            Kind(
                "attendance",
                models.GroupAttendance,
                forms.GroupAttendanceForm,
                gettext_lazy("Group attendance"),
                "created_at",
                editable=False,
                select_related=("session__group",),
                form_template="advocacy/attendance_form.html",
            )
        )
        # Booked ahead: not a service (what happened is logged as its own record).
        records.register(
            Kind(
                "appointment",
                models.Appointment,
                forms.AppointmentForm,
                gettext_lazy("Appointment"),
                "starts_at",
                path="appointments",
                select_related=("staff",),
                saved=gettext_lazy("Appointment booked."),
            )
        )
        page_panels.register("client", panels.client_due)
        page_panels.register("client", panels.client_appointments)
        calendar.register(due.appointment_entries, client_data=True)
        calendar.register(due.follow_up_entries, client_data=True)
        calendar.register(due.court_date_entries, client_data=True)
        # A group session's time: each client who attended received it (the table by
        # kind), each facilitator gave it once (the tables by staff member), for sessions
        # someone attended.
        service_hours.register(
            service_hours.Source(
                "Group session",
                services=service_hours.Tally(
                    lambda: models.GroupAttendance.objects,
                    "session__occurred_at",
                    "session__duration_minutes",
                    giver="",
                ),
                givers=service_hours.Tally(
                    models.GroupSession.facilitated_sessions_attended,
                    "groupsession__occurred_at",
                    "groupsession__duration_minutes",
                    giver="user",
                ),
            )
        )
        # Moving a session moves its attendance in the report.
        service_ledger.follow(
            models.GroupSession, lambda session: session.attendance.select_related("session")
        )
        page_panels.register("client", panels.client_goals_and_groups)
        page_panels.register("home", panels.due_items)
        demo_data.register(demo.seed)
        scale_data.register(scale.seed)
        report_measures.register()
