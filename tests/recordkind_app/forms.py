from crisis_center.records.forms import RecordForm
from tests.recordkind_app.models import Memo


class MemoForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Memo
        fields = ["written_on", "note"]
