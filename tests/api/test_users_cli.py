"""`legation users ...` and the CLI's `--as`: the same identities as the API."""

from __future__ import annotations

import json

from typer.testing import CliRunner


def test_add_token_list_revoke(cli):
    added = cli("users", "add", "eu1", "--role", "liaison", "--organisation", "euu", "--password-stdin",
                "--format", "json", input="a long passphrase\n")
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["organisation"] == "EUU"
    issued = json.loads(cli("users", "token", "eu1", "--ttl-days", "7", "--format", "json").stdout)
    assert issued["token"].startswith(f"lgn_{issued['id']}_")
    listed = json.loads(cli("users", "list", "--format", "json").stdout)
    assert listed == [{"username": "eu1", "role": "liaison", "organisation": "EUU", "unit": None, "active": True,
                       "tokens": 1}]
    tokens = json.loads(cli("users", "list", "--tokens", "--format", "json").stdout)
    assert issued["token"] not in json.dumps(tokens)
    assert json.loads(cli("users", "revoke", issued["id"], "--format", "json").stdout) == {"revoked": 1}
    assert json.loads(cli("users", "list", "--format", "json").stdout)[0]["tokens"] == 0


def test_as_a_stored_user_takes_their_role(cli):
    assert cli("users", "add", "ana", "--role", "analyst").exit_code == 0
    refused = cli("--as", "ana", "users", "add", "bob", "--role", "admin")
    assert refused.exit_code == 1
    assert "ana (analyst) may not manage users" in refused.output


def test_bad_input_is_one_line_exit_1(cli):
    result = cli("users", "add", "x", "--role", "king")
    assert result.exit_code == 1 and "unknown role 'king'" in result.output
    result = cli("users", "add", "lia", "--role", "liaison")
    assert result.exit_code == 1 and "needs an organisation" in result.output
    assert cli("users", "token", "ghost").exit_code == 1
    assert cli("users", "revoke").exit_code == 2


def test_serve_has_help():
    from legation.cli import app, register

    register()
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.output


def test_an_admin_sets_a_password_and_it_signs_in(cli):
    from legation.store import open_store
    from legation.store.users import authenticate

    assert cli("users", "add", "ana", "--role", "analyst").exit_code == 0  # tokens only
    assert cli("users", "password", "ana", "--password-stdin", input="correct horse battery\n").exit_code == 0
    store = open_store(cli.db)
    with store.begin() as conn:
        assert authenticate(conn, "ana", "correct horse battery").username == "ana"
    store.close()
    refused = cli("--as", "ana", "users", "password", "ana", "--password-stdin", input="another one here\n")
    assert refused.exit_code == 1 and "may not manage users" in refused.output
    assert cli("users", "password", "ghost", "--password-stdin", input="whatever it is\n").exit_code == 1
