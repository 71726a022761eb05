from django import template
from django.utils.safestring import SafeString

from crisis_center.ledger import counts_as as counts_as_words

register = template.Library()


@register.filter
def counts_as(record) -> SafeString:
    """What a record counts as for the funder report, in words, codes in a tooltip
    (shared/funder_reports.md)."""
    return counts_as_words(record)
