import json
import stat

import pytest

from kg.auth import Role, TokenFile
from kg.errors import InvalidGraphName, Unauthenticated


@pytest.fixture
def tokens(tmp_path):
    return TokenFile(tmp_path / "tokens.json")


def test_auth_file_keeps_only_hashes(tokens):
    _, secret = tokens.create(Role.CURATOR)
    text = tokens.path.read_text()
    assert secret not in text
    assert json.loads(text)[0]["sha256"]
    assert stat.S_IMODE(tokens.path.stat().st_mode) == 0o600


def test_auth_verify_and_revoke(tokens):
    record, secret = tokens.create(Role.DISTRICT, "district/xuanwu")
    principal = tokens.verify(secret)
    assert (principal.role, principal.graph) == (Role.DISTRICT, "district/xuanwu")
    tokens.revoke(record.id)
    with pytest.raises(Unauthenticated, match="revoked"):
        tokens.verify(secret)
    assert tokens.list()[0].revoked


def test_auth_unknown_or_tampered_token(tokens):
    _, secret = tokens.create(Role.ADMIN)
    with pytest.raises(Unauthenticated):
        tokens.verify(secret[:-1] + ("A" if secret[-1] != "A" else "B"))
    with pytest.raises(Unauthenticated):
        tokens.verify("nonsense")


def test_auth_scope_rules(tokens):
    with pytest.raises(ValueError, match="district token needs --graph"):
        tokens.create(Role.DISTRICT)
    with pytest.raises(ValueError, match="admin"):
        tokens.create(Role.ADMIN, "kb")
    with pytest.raises(InvalidGraphName):
        tokens.create(Role.CURATOR, "Bad Name")


def test_auth_revoke_unknown(tokens):
    with pytest.raises(KeyError, match="no token"):
        tokens.revoke("nope")


def test_auth_ephemeral_token_is_not_written(tokens):
    secret = tokens.add_ephemeral(Role.ADMIN)
    assert tokens.verify(secret).role is Role.ADMIN
    assert not tokens.path.exists()
