"""`learnbot demo`: a whole conversation piped in, read back as a transcript."""

import io
from dataclasses import replace

from bot.demo import run_demo


def demo(settings):
    """The demo keeps its own SQLite file, as `learnbot demo` does."""
    return replace(settings, database_url=f"sqlite:///{settings.data_dir / 'demo.sqlite3'}")


async def test_a_piped_conversation_goes_from_start_to_results(settings):
    """Numbers press buttons, typed text answers, and results arrive as numbered cards."""
    demo_settings = demo(settings)
    script = "1\n1\nfooty\n1\nBrighton\n2\n/saved\n/quit\n"
    stdout = io.StringIO()
    exit_code = await run_demo(demo_settings, stdin=io.StringIO(script), stdout=stdout)
    transcript = stdout.getvalue()
    assert exit_code == 0
    assert "Loaded the demo catalogue" in transcript
    assert "you> /start" in transcript
    assert "how old are you?" in transcript
    assert "Got it: Football. Right?" in transcript
    assert "I'll look near Brighton" in transcript
    assert "[1] ℹ️ Details   [2] ⭐ Save" in transcript
    assert "bot> (pop-up) ⭐ Saved! See everything you saved with /saved" in transcript
    assert "Your saved opportunities" in transcript
    assert transcript.rstrip().endswith("Bye! 👋")


async def test_a_shared_location_is_typed_as_coordinates(settings):
    """Typing lat,lon shares a location; the bot answers with the area, not the point."""
    demo_settings = demo(settings)
    script = "1\n1\ncoding\n1\n50.8225,-0.1372\n"
    stdout = io.StringIO()
    await run_demo(demo_settings, stdin=io.StringIO(script), stdout=stdout)
    transcript = stdout.getvalue()
    assert "I'll look near Brighton (BN" in transcript
    assert "50.8225" not in transcript.split("you> 50.8225,-0.1372", 1)[1]


async def test_a_number_with_no_button_is_explained(settings):
    """Pressing a button that isn't there gets a hint, not a crash."""
    demo_settings = demo(settings)
    stdout = io.StringIO()
    await run_demo(demo_settings, stdin=io.StringIO("9\n"), stdout=stdout)
    assert "There's no button 9; pick 1-4." in stdout.getvalue()
