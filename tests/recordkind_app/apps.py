from django.apps import AppConfig


class RecordKindAppConfig(AppConfig):
    name = "tests.recordkind_app"
    label = "recordkind_app"

    def ready(self) -> None:
        from crisis_center import records
        from tests.recordkind_app import forms, models

        records.register(records.Kind("memo", models.Memo, forms.MemoForm, "Memo", "written_on"))
