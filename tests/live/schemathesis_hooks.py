"""Loaded by the schemathesis command line (SCHEMATHESIS_HOOKS) to add our span check."""

import schemathesis

from tests.contract.checks import spans_match_input

schemathesis.check(spans_match_input)
