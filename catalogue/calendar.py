"""Calendar files (iCalendar, RFC 5545) so a learner can add an opportunity to their phone."""

from datetime import UTC, datetime, timedelta

from catalogue.opportunities import OpportunityView

DEFAULT_LENGTH = timedelta(hours=2)


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r", "")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets, as RFC 5545 asks."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_file(
    opportunity: OpportunityView, *, now: datetime, domain: str = "learnbot"
) -> bytes | None:
    """An .ics event for a dated opportunity, or None when it has no start date."""
    if opportunity.starts_at is None:
        return None
    start = opportunity.starts_at
    single_day_end = opportunity.ends_at is not None and opportunity.ends_at - start < timedelta(
        days=1
    )
    end = opportunity.ends_at if single_day_end and opportunity.ends_at else start + DEFAULT_LENGTH
    where = "Online" if opportunity.online else opportunity.location
    description = (
        f"{opportunity.description}\n\nBy {opportunity.provider}. Badge: {opportunity.badge}."
    )
    if opportunity.url:
        description += f"\n{opportunity.url}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//learnbot//opportunities//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:opportunity-{opportunity.id}@{domain}",
        f"DTSTAMP:{_stamp(now)}",
        f"DTSTART:{_stamp(start)}",
        f"DTEND:{_stamp(end)}",
        f"SUMMARY:{_escape(opportunity.title)}",
        f"LOCATION:{_escape(where)}",
        f"DESCRIPTION:{_escape(description)}",
    ]
    if opportunity.url:
        lines.append(f"URL:{opportunity.url}")
    if opportunity.latitude is not None and opportunity.longitude is not None:
        lines.append(f"GEO:{opportunity.latitude:.5f};{opportunity.longitude:.5f}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()
