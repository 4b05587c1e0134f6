# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import hmac
import json
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from odoo import api, models
from odoo.exceptions import AccessDenied

MAX_LIFETIME = 600  # seconds a host site's token may live
LEEWAY = 30  # clock difference tolerated
SSO_KINDS = ("website", "ecommerce", "mobile_app")


def _b64decode(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _b64encode(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def encode_hs256(claims, secret):
    """A compact HS256 JWT (what a host site does; used by the tests and the demo page)."""
    header = _b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64encode(signature)}"


def encode_rs256(claims, private_key):
    """A compact RS256 JWT signed with a ``cryptography`` RSA private key (what a host site holding the
    private key does; used by the tests)."""
    header = _b64encode(json.dumps({"alg": "RS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    signature = private_key.sign(f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{header}.{payload}.{_b64encode(signature)}"


def load_rsa_public_key(pem):
    """The RSA public key of a PEM text (2048 bits at least); ValueError otherwise."""
    key = serialization.load_pem_public_key((pem or "").strip().encode())
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < 2048:
        raise ValueError("not an RSA public key of 2048 bits or more")
    return key


class CxmSelfserviceSso(models.AbstractModel):
    """Single sign-on of a host site's customer into the help centre: a JWT signed with the instance's
    secret (HS256) or with the site's private key (RS256, checked with the instance's public key) carries
    the customer's external key (``sub``), name, e-mail and phone, a short ``exp`` and a one-time ``jti``;
    the customer is found or created through the identity look-up."""

    _name = "cxm.selfservice.sso"
    _description = "Help Centre Single Sign-On"

    @api.model
    def _cxm_decode(self, instance, token, now=None):
        """Verified claims of ``token`` for ``instance``; AccessDenied (with the reason) otherwise."""
        now = time.time() if now is None else now
        # sudo: the secret and the public key are read only to verify a signature
        secret, public_pem = instance.sudo().secret, instance.sudo().cxm_sso_public_key
        if not (secret or public_pem) or instance.kind not in SSO_KINDS or not instance._accepts_requests():
            raise AccessDenied(self.env._("This site cannot sign customers in."))
        parts = (token or "").split(".")
        if len(parts) != 3 or len(token) > 4096:
            raise AccessDenied(self.env._("The sign-in token is malformed."))
        try:
            header, claims = json.loads(_b64decode(parts[0])), json.loads(_b64decode(parts[1]))
            signature = _b64decode(parts[2])
        except ValueError as exc:
            raise AccessDenied(self.env._("The sign-in token is malformed.")) from exc
        alg = header.get("alg") if isinstance(header, dict) else None
        # each algorithm with its own key only: the public key is never used as an HMAC secret
        if not isinstance(claims, dict) or not ((alg == "HS256" and secret) or (alg == "RS256" and public_pem)):
            raise AccessDenied(
                self.env._("The sign-in token must be signed with HS256 (the secret) or RS256 (the site's key).")
            )
        signing_input = f"{parts[0]}.{parts[1]}".encode()
        if not self._cxm_signature_ok(alg, signing_input, signature, secret, public_pem):
            raise AccessDenied(self.env._("The sign-in token's signature is wrong."))
        exp, jti, sub = claims.get("exp"), claims.get("jti"), claims.get("sub")
        if not isinstance(exp, (int, float)) or exp < now - LEEWAY:
            raise AccessDenied(self.env._("The sign-in token has expired."))
        if exp > now + MAX_LIFETIME + LEEWAY:
            raise AccessDenied(self.env._("The sign-in token lives too long (10 minutes at most)."))
        if not isinstance(jti, str) or not 0 < len(jti) <= 128:
            raise AccessDenied(self.env._("The sign-in token has no identifier (jti)."))
        if not isinstance(sub, str) or not 0 < len(sub) <= 128:
            raise AccessDenied(self.env._("The sign-in token names no customer (sub)."))
        for name in ("name", "email", "phone"):
            if claims.get(name) is not None and not isinstance(claims[name], str):
                raise AccessDenied(self.env._("The sign-in token's %(claim)s must be text.", claim=name))
        return claims

    @api.model
    def _cxm_signature_ok(self, alg, signing_input, signature, secret, public_pem):
        if alg == "HS256":
            expected = hmac.new(secret.encode(), signing_input, hashlib.sha256).digest()
            return hmac.compare_digest(signature, expected)
        try:
            load_rsa_public_key(public_pem).verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
        except (InvalidSignature, ValueError, TypeError):
            return False
        return True

    @api.model
    def _cxm_sign_in(self, instance, token):
        """Verify ``token`` once (a replayed jti is refused) and return the customer's portal user."""
        claims = self._cxm_decode(instance, token)
        # sudo: the ledger, the identity keys and the customer's user are the system's records; the
        # token was verified above and only its own claims are used
        _event, first = self.env["cxm.integration.event"].sudo()._claim(instance, f"sso:{claims['jti']}", "sso")
        if not first:
            raise AccessDenied(self.env._("This sign-in token was already used."))
        return self._cxm_customer_user(instance, claims)

    @api.model
    def _cxm_customer_user(self, instance, claims):
        """The portal user of the customer the verified ``claims`` name (found or created)."""
        partner = self._cxm_partner(instance, claims)
        user = partner.sudo().user_ids[:1] or self._cxm_portal_user(instance, partner, claims)
        if not user._is_portal():
            raise AccessDenied(self.env._("Staff accounts cannot sign in through a host site."))
        return user

    @api.model
    def _cxm_partner(self, instance, claims):
        Identity = self.env["cxm.partner.identity"].sudo()
        entries = [
            {"external_key": claims["sub"], "source": instance.id},
            {"email": claims.get("email")},
            {"phone": claims.get("phone")},
        ]
        matches = Identity.cxm_lookup(entries)
        Partner = self.env["res.partner"].sudo()
        if matches[0]:
            return Partner.browse(matches[0][0]["partner_id"])
        found = next((m for m in matches[1:] if m), None)
        partner = (
            Partner.browse(found[0]["partner_id"])
            if found
            else Partner.create(
                {
                    "name": (claims.get("name") or claims.get("email") or claims["sub"])[:128],
                    "email": claims.get("email") or False,
                    "phone": claims.get("phone") or False,
                    "company_id": instance.company_id.id,
                }
            )
        )
        Identity.create(
            {"partner_id": partner.id, "key_type": "external", "value": claims["sub"], "source_id": instance.id}
        )
        return partner

    @api.model
    def _cxm_portal_user(self, instance, partner, claims):
        login = claims.get("email") or f"sso-{instance.code}-{claims['sub']}"
        return (
            self.env["res.users"]
            .sudo()
            .with_context(no_reset_password=True)
            .create(
                {
                    "partner_id": partner.id,
                    "login": login,
                    "company_id": instance.company_id.id,
                    "company_ids": [(6, 0, instance.company_id.ids)],
                    "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
                }
            )
        )
