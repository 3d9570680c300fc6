"""battlemap.build.dbt_runner drops the debug events no log writes, and only those: an event a log or a callback could
read is still made into a message and handed to them (dbt_common's EventManager, with stand-in logs)."""

from __future__ import annotations

import pytest
from dbt_common.events.base_types import EventLevel
from dbt_common.events.event_manager import EventManager
from dbt_common.events.types import Note

from battlemap.build.dbt_runner import skip_unlogged_debug_events


class Log:
    """A log as EventManager uses one: a level, a filter and write_line (dbt_common.events.logger._Logger)."""

    def __init__(self, level: EventLevel) -> None:
        self.level, self.lines = level, []

    def filter(self, msg) -> bool:
        return True

    def write_line(self, msg) -> None:
        self.lines.append((msg.info.level, msg.info.msg))


@pytest.fixture()
def manager(monkeypatch: pytest.MonkeyPatch) -> EventManager:
    monkeypatch.setattr(EventManager, "fire_event", EventManager.fire_event)  # restored after the test
    skip_unlogged_debug_events()
    return EventManager()


def test_a_debug_event_no_log_writes_is_dropped_and_every_other_is_kept(manager: EventManager):
    stdout, file_log = Log(EventLevel.INFO), Log(EventLevel.INFO)
    manager.loggers = [stdout, file_log]
    manager.fire_event(Note(msg="select 1"), level=EventLevel.DEBUG)
    manager.fire_event(Note(msg="a test-level line"), level=EventLevel.TEST)
    manager.fire_event(Note(msg="1 of 84 OK"), level=EventLevel.INFO)
    manager.fire_event(Note(msg="careful"), level=EventLevel.WARN)
    assert stdout.lines == file_log.lines == [("info", "1 of 84 OK"), ("warn", "careful")]


def test_a_debug_log_or_an_unknown_callback_keeps_debug_events(manager: EventManager):
    file_log = Log(EventLevel.DEBUG)  # dbt --debug, or --log-level-file debug
    manager.loggers = [Log(EventLevel.INFO), file_log]
    manager.fire_event(Note(msg="select 1"), level=EventLevel.DEBUG)
    assert file_log.lines == [("debug", "select 1")]

    seen = []
    manager.loggers = [Log(EventLevel.INFO)]
    manager.callbacks = [seen.append]  # a dbtRunner caller's callback sees every event, as with dbt alone
    manager.fire_event(Note(msg="select 2"), level=EventLevel.DEBUG)
    assert [msg.info.msg for msg in seen] == ["select 2"]


def test_dbt_s_own_behaviour_change_callback_does_not_keep_debug_events(manager: EventManager):
    from dbt.tracking import track_behavior_change_warn

    log = Log(EventLevel.INFO)
    manager.loggers, manager.callbacks = [log], [track_behavior_change_warn]
    manager.fire_event(Note(msg="select 1"), level=EventLevel.DEBUG)
    manager.fire_event(Note(msg="done"), level=EventLevel.INFO)
    assert log.lines == [("info", "done")]
