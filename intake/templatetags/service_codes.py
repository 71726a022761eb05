from django import template

from crisis_center.ledger import describe

register = template.Library()


@register.filter
def counts_as(record) -> str:
    """The funder service codes a record counts as (shared/funder_reports.md)."""
    return describe(record)
