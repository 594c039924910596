"""Delivery settings come from the environment, and a bad value stops with its name."""

import pytest

from bot.config import DeliverySettings, Settings, SettingsError

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_defaults_suit_telegram():
    """About 25/s overall, 1.1 s between two messages to a chat, a 2 s tick, 60 s leases."""
    delivery = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN}).delivery
    assert delivery == DeliverySettings()
    assert (delivery.rate, delivery.chat_interval, delivery.tick, delivery.lease) == (
        25.0,
        1.1,
        2.0,
        60.0,
    )
    assert delivery.idem_keys is False


def test_every_timing_can_be_scaled_for_tests():
    """Tests and load runs scale pace and leases through the environment."""
    delivery = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "LEARNBOT_SEND_RATE": "80",
            "LEARNBOT_CHAT_INTERVAL": "0.5",
            "LEARNBOT_DELIVERY_TICK": "0.2",
            "LEARNBOT_DELIVERY_LEASE": "3",
            "LEARNBOT_RETRY_BASE": "0.1",
            "LEARNBOT_AMBIGUOUS_DELAY": "1",
            "LEARNBOT_SEND_TIMEOUT": "2",
            "LEARNBOT_DELIVERY_IDEM_KEYS": "true",
        }
    ).delivery
    assert (delivery.rate, delivery.chat_interval, delivery.tick, delivery.lease) == (
        80,
        0.5,
        0.2,
        3,
    )
    assert (delivery.retry_base, delivery.ambiguous_delay, delivery.send_timeout) == (0.1, 1, 2)
    assert delivery.idem_keys is True


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LEARNBOT_SEND_RATE", "fast"),
        ("LEARNBOT_SEND_RATE", "0"),
        ("LEARNBOT_SEND_RATE", "nan"),
        ("LEARNBOT_DELIVERY_LEASE", "-5"),
        ("LEARNBOT_DELIVERY_TICK", "100"),
    ],
)
def test_a_bad_value_stops_naming_the_variable(name, value):
    """Fail fast, in one line, with the variable's name."""
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN, name: value})
