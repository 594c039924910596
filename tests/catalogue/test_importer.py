"""Importing catalogue rows into the real database: idempotent, geocoded, versioned."""

from sqlmodel import Session, select

from catalogue.importer import catalogue_version, export_rows, geocode_rows, import_rows
from catalogue.models import Badge, Opportunity, Provider
from tests.conftest import LONDON, make_row


def test_importing_twice_changes_nothing_and_a_changed_row_updates(engine):
    """Re-importing is a no-op; an edited row updates its opportunity by catalogue id."""
    rows = [make_row("bn-1", "Five-a-Side"), make_row("bn-2", "Netball Club", tags=("netball",))]
    with Session(engine) as session:
        first = import_rows(session=session, rows=rows, timezone=LONDON)
        session.commit()
    with Session(engine) as session:
        again = import_rows(session=session, rows=rows, timezone=LONDON)
        session.commit()
    edited = [make_row("bn-1", "Five-a-Side Fridays", badge="Five-a-Side Badge"), rows[1]]
    with Session(engine) as session:
        changed = import_rows(session=session, rows=edited, timezone=LONDON)
        session.commit()
        titles = sorted(o.title for o in session.exec(select(Opportunity)))
        assert len(session.exec(select(Provider)).all()) == 1
        assert len(session.exec(select(Badge)).all()) == 2
    assert (first.created, again.created, again.updated, again.unchanged) == (2, 0, 0, 2)
    assert (changed.updated, changed.unchanged) == (1, 1)
    assert titles == ["Five-a-Side Fridays", "Netball Club"]
    assert catalogue_version(engine) == 2


def test_rows_without_coordinates_are_placed_from_their_location():
    """A row with only a venue and town gets coordinates; an unknown place is reported."""
    places = {"Mutley Plain, Plymouth": (50.38, -4.13)}
    rows = [
        make_row("pl-1", "Surf", location="Mutley Plain, Plymouth", latitude=None, longitude=None),
        make_row("xx-1", "Lost", location="Nowhere Special", latitude=None, longitude=None),
    ]
    placed, problems, geocoded = geocode_rows(rows, places.get)
    assert [(r.id, r.latitude) for r in placed] == [("pl-1", 50.38)]
    assert geocoded == 1
    assert problems[0].field == "location"
    assert "Nowhere Special" in problems[0].message


def test_export_gives_back_what_was_imported(engine):
    """Times go in as UK wall-clock and come out the same, across the clock change."""
    from datetime import datetime

    rows = [
        make_row("a-1", "Summer", starts_at=datetime(2027, 7, 1, 18, 0), ends_at=None),
        make_row("a-2", "Winter", starts_at=datetime(2027, 1, 5, 18, 0), ends_at=None),
    ]
    with Session(engine) as session:
        import_rows(session=session, rows=rows, timezone=LONDON)
        session.commit()
    with Session(engine) as session:
        exported = export_rows(session=session, timezone=LONDON)
    assert exported == rows
