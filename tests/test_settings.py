"""Settings are documented, immutable, and checked."""

from __future__ import annotations

import dataclasses

import pytest

from detente.errors import SettingsError
from detente.settings import SETTINGS_DOC, Settings, load_settings


def test_every_setting_is_documented():
    assert {f.name for f in dataclasses.fields(Settings)} == set(SETTINGS_DOC)


def test_environment_then_overrides():
    s = load_settings({"batch_size": 8}, environ={"DETENTE_MODEL": "my_model", "DETENTE_BATCH_SIZE": "4"})
    assert s.model == "my_model" and s.batch_size == 8
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.model = "x"  # type: ignore[misc]


def test_bad_values_name_the_setting():
    with pytest.raises(SettingsError, match="DETENTE_BATCH_SIZE"):
        load_settings(environ={"DETENTE_BATCH_SIZE": "many"})
    with pytest.raises(SettingsError, match="unknown setting"):
        load_settings({"colour": "blue"}, environ={})
    with pytest.raises(SettingsError, match="batch_size"):
        load_settings({"batch_size": 0}, environ={})
