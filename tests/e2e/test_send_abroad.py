"""Sending money abroad the way a new user would, on the demo bank: the Send abroad tab tells a mistyped IBAN
as it is typed, the bank's quote shows the rate, the fee, what leaves the account, what the recipient gets
and how long the quote holds; paid with the PIN and an authenticator code (a person abroad is a new payee in
another country, so the risk checks ask for one), it shows in the payments list.

On a new wallet of its own: it waits for the first sync, sets the payment PIN and sets up a second factor
as the risk notice sends the user to, and removes it at the end."""

from conftest import screenshot
from helpers import (
    PIN,
    STEP_TIMEOUT,
    by_testid,
    click,
    enter_pin,
    set_payment_pin,
    set_up_second_factor,
    totp,
    type_into,
    visible,
    wait_for,
    wait_for_first_sync,
)


def remove_second_factor(driver, key: str) -> None:
    click(driver, "nav-security")
    click(driver, "second-factor-remove")
    type_into(driver, "second-factor-remove-pin", PIN)
    type_into(driver, "second-factor-remove-code", totp(key))
    click(driver, "second-factor-remove-confirm")
    wait_for(
        driver,
        lambda d: (panel := visible(d, "second-factor")) and panel.get_attribute("data-enrolled") == "false",
        STEP_TIMEOUT,
        "the second factor removed",
    )


def test_sending_euros_abroad_shows_the_quote_and_pays_it_with_the_pin(driver):
    wait_for_first_sync(driver)
    set_payment_pin(driver)
    key = set_up_second_factor(driver)

    click(driver, "nav-pay")
    click(driver, "pay-tab-abroad")
    wait_for(driver, lambda d: visible(d, "abroad-form"), STEP_TIMEOUT, "the send abroad form")
    type_into(driver, "abroad-name", "Anna Schmidt")
    type_into(driver, "abroad-country", "DE")
    # One digit wrong: the check digits catch it while the user types.
    type_into(driver, "abroad-account", "DE88 3704 0044 0532 0130 00")
    # Clearing the field shows "Enter the recipient's account…" first: wait for the message about the IBAN.
    error = wait_for(
        driver,
        lambda d: (e := visible(d, "abroad-account-error")) and "check digits" in e.text and e,
        STEP_TIMEOUT,
        "the message that the IBAN's check digits are wrong",
    )
    screenshot("abroad-iban-mistyped")
    type_into(driver, "abroad-account", "DE89 3704 0044 0532 0130 00")
    wait_for(driver, lambda d: visible(d, "abroad-account-ok"), STEP_TIMEOUT, "the IBAN accepted")
    type_into(driver, "abroad-bic", "COBADEFFXXX")
    type_into(driver, "abroad-amount", "100")
    type_into(driver, "abroad-note", "Birthday present")
    click(driver, "abroad-quote")

    card = wait_for(driver, lambda d: visible(d, "quote-card"), STEP_TIMEOUT, "the bank's quote")
    rate = visible(driver, "quote-rate").text
    assert rate.startswith("1 EUR = ") and rate.endswith(" CNY"), rate
    assert "50.00" in visible(driver, "quote-fee").text
    assert "Valid for" in visible(driver, "quote-countdown").text
    debited = visible(driver, "quote-debited").text
    assert "Anna Schmidt" in card.text, card.text
    screenshot("abroad-quote")

    click(driver, "quote-pay")
    wait_for(driver, lambda d: visible(d, "abroad-sheet"), STEP_TIMEOUT, "the confirmation sheet")
    type_into(driver, "second-factor-code", totp(key))
    enter_pin(driver)
    status = wait_for(
        driver,
        lambda d: (s := visible(d, "payment-status")) and s.get_attribute("data-status") in ("sent", "completed") and s,
        STEP_TIMEOUT,
        "the payment to be sent",
    )
    screenshot("abroad-sent")
    assert debited.lstrip("¥") in status.text, (debited, status.text)
    click(driver, "payment-done")
    wait_for(
        driver,
        lambda d: any("Anna Schmidt" in r.get_attribute("textContent") for r in d.find_elements(*by_testid("payment-row"))),
        STEP_TIMEOUT,
        "the payment in the payments list",
    )
    screenshot("abroad-in-payments")

    remove_second_factor(driver, key)
