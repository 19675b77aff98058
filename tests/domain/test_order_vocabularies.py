"""The order vocabularies have one home (the enums of domain/orders.py); the API's schemas follow them."""

import typing

import pytest
from pydantic import ValidationError

from legation.api.schemas import AmendIn, ComplyIn, OrderIn
from legation.domain.orders import COMPLIANCE, PRIORITIES, STATES, ComplianceStatus, OrderState, Priority


def test_the_plain_vocabularies_are_the_enums_values_in_order():
    assert STATES == ("draft", "issued", "acknowledged", "in-force", "lifted", "expired", "superseded")
    assert tuple(OrderState) == STATES
    assert tuple(PRIORITIES) == tuple(Priority) == ("flash", "immediate", "priority", "routine")
    assert COMPLIANCE == tuple(ComplianceStatus) == ("complied", "partial", "not-complied")


def test_the_api_takes_exactly_the_domain_words():
    assert typing.get_args(ComplyIn.model_fields["status"].annotation) == COMPLIANCE
    for status in ComplianceStatus:
        assert ComplyIn(status=status.value).status == status
    with pytest.raises(ValidationError, match="complied"):
        ComplyIn(status="done")
    assert OrderIn(recipients=["iq-moi"], measures=["cordon"], priority="flash").priority == Priority.FLASH
    with pytest.raises(ValidationError, match="routine"):
        AmendIn(priority="urgent")
