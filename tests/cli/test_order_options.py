"""Order vocabularies on the command line: a wrong word is a usage error (exit 2) that lists the choices."""

import pytest

from legation.domain.orders import ComplianceStatus, OrderState, Priority


@pytest.mark.parametrize(("args", "option", "vocabulary"), [
    (("orders", "draft", "--to", "iq-moi", "--site", "usa-emb", "--measure", "cordon", "--priority", "urgent"),
     "--priority", Priority),
    (("orders", "amend", "ord-0001", "--priority", "urgent"), "--priority", Priority),
    (("orders", "comply", "ord-0001", "--status", "done"), "--status", ComplianceStatus),
    (("orders", "list", "--state", "live"), "--state", OrderState),
])
def test_a_word_outside_the_vocabulary_is_a_usage_error_listing_the_choices(cli, args, option, vocabulary):
    result = cli(*args)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.output
    assert all(f"'{word}'" in result.output for word in vocabulary)
    assert "Traceback" not in result.output


def test_a_word_of_the_vocabulary_reaches_the_command(cli):
    result = cli("orders", "list", "--state", "in-force", "--state", "issued", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "[]"
