"""The agency self-assessment: ICASA Section 2 "Agency evaluation and planning".

The question texts are the program model's own words; the model stores one answer per
question in the field named here, so the year-against-year page lists them in order.
"""

from django.utils.translation import gettext_lazy as _

NEEDS_ASSESSMENT = [
    _(
        "Do victims of commercial exploitation view the agency as a viable resource for them?  "
        "If not, why not?"
    ),
    _(
        "Has the agency served prostituted women during the past two years?  If not, why not?  "
        "If so, how was the experience for both the agency and the victims?"
    ),
    _(
        "Does the agency have specific policy and procedures for serving victims of commercial "
        "sexual exploitation?  Is there a \u201cno decline\u201d policy?  Is there an outreach "
        "policy that includes this population?  Are victims of commercial sexual exploitation "
        "addressed in the agency\u2019s mission?"
    ),
    _(
        "What training does staff receive on understanding the issue of commercial sexual "
        "exploitation and providing services to victims?"
    ),
    _(
        "Does your agency communicate on a regular basis with service providers in your "
        "community who have contact with victims of commercial sexual exploitation?"
    ),
    _(
        "Does the agency have resources necessary to work with this population?  What other "
        "resources are available within the community?"
    ),
    _(
        "What is the response of local law enforcement in your community to victims of "
        "prostitution and trafficking?  Is there an avenue for identifying prostituted women "
        "in the system that are in need of support and services?"
    ),
]

STRATEGIC_PLANNING = [
    _("What did the needs assessments tell us about gaps and barriers?"),
    _("How does the agency work to serve victims?  How could it work better?"),
    _("How can we facilitate referrals for women?"),
    _("How can we maintain our focus on victims of commercial sexual exploitation?"),
    _(
        "How do we work with other agencies within our community which serve this population?  "
        "How can we work better?"
    ),
    _(
        "How can we impact local policies and practices to punish those that recruit, provide "
        "and engage with women and girls in prostitution as opposed to those victimized in "
        "commercial sexual exploitation?"
    ),
    _("What resources do we need?"),
]

# (field name, section, number, question), in the order the program model asks them.
QUESTIONS = [
    (f"need_{n}", _("Needs assessment"), n, text) for n, text in enumerate(NEEDS_ASSESSMENT, 1)
] + [
    (f"plan_{n}", _("Strategic planning"), n, text) for n, text in enumerate(STRATEGIC_PLANNING, 1)
]
