"""System checks for the projects app's settings."""

from typing import Any

from django.conf import settings
from django.core.checks import Error

from projects.spc import rulesets


def check_default_rule_set(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """SPC_DEFAULT_RULE_SET must name a rule set, or every chart that uses the default would fail."""
    value = getattr(settings, "SPC_DEFAULT_RULE_SET", rulesets.DEFAULT)
    if value in rulesets.RULE_SETS:
        return []
    return [
        Error(
            f"SPC_DEFAULT_RULE_SET is {value!r}",
            hint=f"Set it to one of: {', '.join(rulesets.RULE_SETS)}.",
            id="projects.E001",
        )
    ]
