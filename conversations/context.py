"""What every handler can reach: typed services instead of string keys into `bot_data`."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from telegram.ext import CallbackContext, ExtBot

from catalogue.credentials import BadgeIssuer
from catalogue.search import CatalogueSearch


@dataclass(frozen=True, slots=True)
class Services:
    """The process-wide things handlers use, built once by the composition root."""

    engine: Engine
    search: CatalogueSearch
    timezone: ZoneInfo
    minimum_age: int
    admin_ids: frozenset[int]
    announcement_domains: frozenset[str] = frozenset()
    badge_issuer: BadgeIssuer | None = None  # signs awards; its key is made on first use


class BotContext(
    CallbackContext[ExtBot[None], dict[object, object], dict[object, object], dict[object, object]]
):
    """A callback context that knows where the services live."""

    @property
    def services(self) -> Services:
        """The services the application was built with."""
        services = self.bot_data["services"]  # the only place that knows the key
        assert isinstance(services, Services)
        return services
