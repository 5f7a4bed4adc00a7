"""A panel with a member from each agency and a meeting, for the panel's tests."""

from datetime import date

from tellonce.assessments import services as assessments
from tellonce.conftest import acting
from tellonce.finance.models import Band, BandTable
from tellonce.panels import services


def panel_for(area, *, held_on: date, today: date, quorate: bool = True):
    manager = acting(area.users["manager"])
    panel = services.create_panel(
        by=manager, today=today, name="EHC needs assessment panel", decides=["assess", "issue", "top_up"]
    )
    members = [
        services.add_member(
            panel, by=manager, today=today, name="Priya Shah", agency="chair", role="Head of SEND"
        ),
        services.add_member(
            panel, by=manager, today=today, name="Tom Reed", agency="education", role="Headteacher"
        ),
        services.add_member(panel, by=manager, today=today, name="Ada Lowe", agency="health", role="DCO"),
    ]
    if quorate:
        members.append(
            services.add_member(
                panel, by=manager, today=today, name="Sam Fox", agency="social_care", role="DSCO"
            )
        )
    meeting = services.schedule_meeting(panel, by=manager, today=today, held_on=held_on, place="Town Hall")
    return panel, members, meeting


def request_for(area, *, received_on: date, today: date):
    return assessments.record_request(
        area.child,
        by=acting(area.users["coordinator"]),
        received_on=received_on,
        requested_by="parent",
        today=today,
    )


def band_table(area):
    table = BandTable.objects.create(
        local_authority=area.child.local_authority,
        name="Mainstream 2025",
        setting_type="mainstream",
        effective_from=date(2025, 4, 1),
    )
    for code, amount in (("A", 1600), ("B", 3100), ("C", 4500)):
        Band.objects.create(table=table, code=code, top_up=amount)
    return table
