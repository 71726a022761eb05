"""The funder's lists (VOCA performance measures), as stored choices from the start.

Codes are ours and stable; labels are as on the form and may be edited later.
"""

from django.db import migrations

VICTIMIZATION = [
    ("adult_physical_assault", "Adult Physical Assault"),
    ("adult_sexual_assault", "Adult Sexual Assault"),
    ("adults_abused_as_children", "Adults Sexually Abused/Assaulted as Children"),
    ("arson", "Arson"),
    ("bullying", "Bullying (verbal, cyber or physical)"),
    ("burglary", "Burglary"),
    ("child_physical_abuse", "Child Physical Abuse or Neglect"),
    ("child_pornography", "Child Pornography"),
    ("child_sexual_abuse", "Child Sexual Abuse/Assault"),
    ("domestic_family_violence", "Domestic and/or Family Violence"),
    ("dui_dwi", "DUI/DWI Incidents"),
    ("elder_abuse", "Elder Abuse or Neglect"),
    ("hate_crime", "Hate Crime (racial, religious, gender, sexual orientation, other)"),
    ("trafficking_labor", "Human Trafficking: Labor"),
    ("trafficking_sex", "Human Trafficking: Sex"),
    ("identity_theft", "Identity Theft/Fraud/Financial Crime"),
    ("kidnapping_noncustodial", "Kidnapping (noncustodial)"),
    ("kidnapping_custodial", "Kidnapping (custodial)"),
    ("mass_violence", "Mass Violence"),
    ("other_vehicular", "Other Vehicular Victimization"),
    ("robbery", "Robbery"),
    ("stalking_harassment", "Stalking/Harassment"),
    ("homicide_survivors", "Survivors of Homicide Victims"),
    ("teen_dating", "Teen Dating Victimization"),
    ("terrorism", "Terrorism"),
    ("other", "Other"),
]

SPECIAL = [
    ("deaf_hard_of_hearing", "Deaf/Hard of Hearing"),
    ("homeless", "Homeless"),
    ("immigrant_refugee_asylum", "Immigrants/Refugees/Asylum Seekers"),
    ("lgbtq", "LGBTQ"),
    ("veteran", "Veterans"),
    ("disability", "Victims with Disabilities (cognitive, physical, mental)"),
    ("limited_english", "Victims with Limited English Proficiency"),
    ("other", "Other"),
]

RACE = [
    ("american_indian_alaska_native", "American Indian or Alaska Native"),
    ("asian", "Asian"),
    ("black_african_american", "Black or African American"),
    ("hispanic_latino", "Hispanic or Latino"),
    ("native_hawaiian_pacific_islander", "Native Hawaiian and Other Pacific Islander"),
    ("white_non_latino", "White Non-Latino or Caucasian"),
    ("some_other_race", "Some Other Race"),
    ("declined", "Declined to answer"),
    ("not_asked", "Not asked"),
]

LISTS = {"victimization": VICTIMIZATION, "special": SPECIAL, "race": RACE}


def seed(apps, schema_editor):
    Classification = apps.get_model("intake", "Classification")
    Classification.objects.bulk_create(
        Classification(
            kind=kind,
            code=code,
            label=label,
            sort_order=order,
            needs_explanation=code == "other",
            is_non_answer=code in ("declined", "not_asked"),
        )
        for kind, entries in LISTS.items()
        for order, (code, label) in enumerate(entries)
    )


def unseed(apps, schema_editor):
    apps.get_model("intake", "Classification").objects.filter(kind__in=LISTS).delete()


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
