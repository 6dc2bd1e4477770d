"""assess update: fetch over https from a server on 127.0.0.1 started here, with a self-signed
certificate made here as the CA bundle; verify, validate, store beside the bundled data."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from assess import resources
from assess.api import load_catalog, load_directory
from assess.cli import main
from assess.errors import InputError
from tests.conftest import CATALOG_FILE, real_catalog_data

SUPPORT_FILE = resources.find_bundled("support-de", None, "support").path  # type: ignore[union-attr]


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _catalog(version: str) -> bytes:
    data = real_catalog_data()
    data["version"] = version
    data["controls"][1]["title"]["de"] += " (neu)"
    return _dump(data)


def _support(version: str) -> bytes:
    data = yaml.safe_load(SUPPORT_FILE.read_text(encoding="utf-8"))
    data["version"] = version
    return _dump(data)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


REVISION = real_catalog_data().get("revision", 1)
NEW = _catalog("2099.01")
OLD = _catalog("2000.01")
SUPPORT = _support("2099.01")
PROFILE = (resources.bundled_profiles()["schreinerei-huber"]).read_bytes()
BIG = b"# " + b"x" * (6 * 1024 * 1024) + b"\n"


def _index(support_sha: str) -> bytes:
    return _dump(
        {
            "schema_version": 1,
            "publisher": "IHK Test",
            "signed_off_by": "Erika Muster",
            "date": "2099-01-15",
            "items": [
                {
                    "id": "acs-it-notfall",
                    "version": "2099.01",
                    "url": "new.yaml",
                    "sha256": sha(NEW),
                },
                {
                    "id": "support-de",
                    "version": "2099.01",
                    "url": "support.yaml",
                    "sha256": support_sha,
                },
            ],
        }
    )


class Server:
    """A threaded https server on 127.0.0.1 serving fixed routes; counts the requests."""

    def __init__(self, tmp: Path) -> None:
        self.cert, key = _self_signed(tmp)
        self.requests: list[str] = []
        routes: dict[str, tuple[int, dict[str, str], bytes, float]] = {}
        self.routes = routes
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                status, headers, body, delay = routes.get(self.path, (404, {}, b"not found", 0))
                time.sleep(delay)
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.base = f"https://127.0.0.1:{self.port}"
        ok = {"Content-Type": "application/yaml"}
        routes.update(
            {
                "/new.yaml": (200, ok, NEW, 0),
                "/old.yaml": (200, ok, OLD, 0),
                "/support.yaml": (200, ok, SUPPORT, 0),
                "/profile.yaml": (200, ok, PROFILE, 0),
                "/broken.yaml": (200, ok, b"schema_version: 1\ncontrols: [\n", 0),
                "/big.yaml": (200, ok, BIG, 0),
                "/slow.yaml": (200, ok, NEW, 3.0),
                "/to-http": (302, {"Location": f"http://127.0.0.1:{self.port}/new.yaml"}, b"", 0),
                "/to-https": (302, {"Location": "/new.yaml"}, b"", 0),
                "/index.yaml": (200, ok, _index(sha(SUPPORT)), 0),
                "/bad-index.yaml": (200, ok, _index("0" * 64), 0),
            }
        )
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "assess test CA")])
    now = dt.datetime.now(dt.UTC)
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "ca.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("tls"))
    yield srv
    srv.close()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "user-data"
    monkeypatch.setenv("ASSESS_DATA_DIR", str(target))
    monkeypatch.delenv("ASSESS_OFFLINE", raising=False)
    monkeypatch.delenv("ASSESS_UPDATE_URL", raising=False)
    for proxy in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)  # the test server is local
    return target


def run(server: Server, *args: str, ca: bool = True) -> Result:
    extra = ["--ca-bundle", str(server.cert)] if ca else []
    return CliRunner().invoke(main, ["update", *args, *extra])


def stored(data_dir: Path) -> list[str]:
    root = data_dir / "catalogs"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_verified_catalog_is_stored_and_seen_by_everything(server: Server, data_dir: Path) -> None:
    bundled_before = CATALOG_FILE.read_bytes()
    result = run(server, "--from", f"{server.base}/new.yaml", "--sha256", sha(NEW))
    assert result.exit_code == 0, result.output
    target = data_dir / "catalogs" / "acs-it-notfall" / "2099.01.yaml"
    first = result.stdout.splitlines()[0]
    assert first == f"stored: acs-it-notfall@2099.01 revision {REVISION} → {target}"
    assert target.read_bytes() == NEW  # stored as published: its hash still checks
    assert CATALOG_FILE.read_bytes() == bundled_before
    assert load_catalog("acs-it-notfall").version == "2099.01"
    assert load_catalog("acs-it-notfall@2021.05").version == "2021.05"
    listing = CliRunner().invoke(main, ["catalog", "list"]).stdout
    assert "acs-it-notfall@2099.01" in listing
    line = next(x for x in listing.splitlines() if "@2099.01" in x)
    assert line.split()[3] == "stored"
    bundled_line = next(x for x in listing.splitlines() if "acs-it-notfall@2021.05" in x)
    assert bundled_line.split()[3] == "bundled"
    # the same again: nothing to do
    again = run(server, "--from", f"{server.base}/new.yaml", "--sha256", sha(NEW))
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("up to date: acs-it-notfall@2099.01")


def test_check_shows_the_changes_and_stores_nothing(server: Server, data_dir: Path) -> None:
    result = run(server, "--from", f"{server.base}/new.yaml", "--sha256", sha(NEW), "--check")
    assert result.exit_code == 0, result.output
    second = real_catalog_data()["controls"][1]["id"]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("would store: acs-it-notfall@2099.01")
    assert lines[1] == (
        f"acs-it-notfall@{CATALOG_FILE.stem} revision {REVISION} → "
        f"acs-it-notfall@2099.01 revision {REVISION}"
    )
    assert f"    ~ {second} (title)" in lines
    assert not data_dir.exists()


def test_index_stores_every_listed_file(server: Server, data_dir: Path) -> None:
    result = run(server, "--from", f"{server.base}/index.yaml")
    assert result.exit_code == 0, result.output
    assert stored(data_dir) == ["acs-it-notfall/2099.01.yaml", "support-de/2099.01.yaml"]
    assert load_directory().version == "2099.01"
    # only the version differs from the bundled directory
    support_revision = yaml.safe_load(SUPPORT)["revision"]
    assert (
        f"support-de@{SUPPORT_FILE.stem} revision {support_revision} → "
        f"support-de@2099.01 revision {support_revision}\n  no changes\n"
    ) in result.stdout


def test_index_with_one_wrong_hash_stores_nothing(server: Server, data_dir: Path) -> None:
    result = run(server, "--from", f"{server.base}/bad-index.yaml")
    assert result.exit_code == 2
    assert f"{server.base}/support.yaml: sha256 is {sha(SUPPORT)}, expected {'0' * 64}" in (
        result.stderr
    )
    assert not data_dir.exists()


@pytest.mark.parametrize(
    ("path", "digest", "message"),
    [
        ("/new.yaml", sha(b"other"), f"sha256 is {sha(NEW)}, expected {sha(b'other')}"),
        ("/new.yaml", None, "no sha256 to check it against"),
        ("/big.yaml", sha(BIG), "more than the limit of 5242880 bytes"),
        ("/missing.yaml", sha(NEW), "HTTP 404"),
        ("/to-http", sha(NEW), "which is not https: refused"),
        ("/broken.yaml", sha(b"schema_version: 1\ncontrols: [\n"), "broken.yaml:3"),
        ("/profile.yaml", sha(PROFILE), "neither a catalog (with controls:) nor a support"),
        ("/old.yaml", sha(OLD), f"acs-it-notfall@2000.01 revision {REVISION} is older than the"),
    ],
)
def test_refused_downloads_change_nothing(
    server: Server, data_dir: Path, path: str, digest: str | None, message: str
) -> None:
    args = ["--from", server.base + path] + (["--sha256", digest] if digest else [])
    result = run(server, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not data_dir.exists()


def test_redirect_to_https_is_followed(server: Server, data_dir: Path) -> None:
    result = run(server, "--from", f"{server.base}/to-https", "--sha256", sha(NEW))
    assert result.exit_code == 0, result.output
    assert stored(data_dir) == ["acs-it-notfall/2099.01.yaml"]


def test_slow_server_times_out(server: Server, data_dir: Path) -> None:
    started = time.monotonic()
    result = run(
        server, "--from", f"{server.base}/slow.yaml", "--sha256", sha(NEW), "--timeout", "0.5"
    )
    assert time.monotonic() - started < 2.5
    assert result.exit_code == 2
    assert "no answer within 0.5 s (timeout)" in result.stderr
    assert not data_dir.exists()


def test_untrusted_certificate_is_a_tls_error(server: Server, data_dir: Path) -> None:
    result = run(server, "--from", f"{server.base}/new.yaml", "--sha256", sha(NEW), ca=False)
    assert result.exit_code == 2
    assert "TLS error" in result.stderr
    assert "--ca-bundle FILE" in result.stderr
    assert not data_dir.exists()


def test_plain_http_is_refused_before_connecting(server: Server, data_dir: Path) -> None:
    count = len(server.requests)
    result = run(server, "--from", f"http://127.0.0.1:{server.port}/new.yaml", "--sha256", sha(NEW))
    assert result.exit_code == 2
    assert "only https URLs are fetched" in result.stderr
    assert len(server.requests) == count


def test_no_network_and_dns_failure(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(
        main, ["update", "--from", f"https://127.0.0.1:{port}/x.yaml", "--sha256", sha(NEW)]
    )
    assert result.exit_code == 2
    assert "cannot connect – no network, or the server is down" in result.stderr

    def no_dns(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    result = CliRunner().invoke(
        main, ["update", "--from", "https://catalogs.example.invalid/x.yaml", "--sha256", sha(NEW)]
    )
    assert result.exit_code == 2
    assert "the name catalogs.example.invalid cannot be resolved (DNS)" in result.stderr
    assert not data_dir.exists()


def test_offline_fetches_nothing(
    server: Server, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = len(server.requests)
    result = run(server, "--from", f"{server.base}/new.yaml", "--sha256", sha(NEW), "--offline")
    assert result.exit_code == 2
    assert "offline (--offline or ASSESS_OFFLINE): not fetching" in result.stderr
    monkeypatch.setenv("ASSESS_OFFLINE", "1")
    result = run(server, "--from", f"{server.base}/index.yaml")
    assert result.exit_code == 2
    assert "offline" in result.stderr
    assert len(server.requests) == count
    assert not data_dir.exists()


def test_local_file_works_offline(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESS_OFFLINE", "1")
    source = tmp_path / "support.yaml"
    source.write_bytes(SUPPORT)
    result = CliRunner().invoke(main, ["update", "--from", str(source), "--sha256", sha(SUPPORT)])
    assert result.exit_code == 0, result.output
    assert stored(data_dir) == ["support-de/2099.01.yaml"]
    assert load_directory().version == "2099.01"


def test_no_source_given(data_dir: Path) -> None:
    result = CliRunner().invoke(main, ["update"])
    assert result.exit_code == 2
    assert "no source: give --from URL|FILE (or set ASSESS_UPDATE_URL)" in result.stderr


def test_index_validates_against_its_schema() -> None:
    import json

    import jsonschema

    result = CliRunner().invoke(main, ["schema", "index"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    jsonschema.validate(yaml.safe_load(_index(sha(SUPPORT))), schema)
    broken = yaml.safe_load(_index("XYZ"))
    with pytest.raises(jsonschema.ValidationError, match="XYZ"):
        jsonschema.validate(broken, schema)


def test_proxy_from_the_environment_and_no_proxy(
    server: Server, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a proxy nobody runs
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    result = run(server, "--from", f"{server.base}/new.yaml", "--sha256", sha(NEW))
    assert result.exit_code == 2
    assert "cannot connect" in result.stderr
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    result = run(server, "--from", f"{server.base}/new.yaml", "--sha256", sha(NEW))
    assert result.exit_code == 0, result.output


def _revision(revision: int) -> bytes:
    data = real_catalog_data()
    data["revision"] = revision
    data["changes"] = [
        {
            "revision": revision,
            "date": "2099-01-01",
            "summary": {"de": "Test", "en": "Test"},
            "changes": [
                {
                    "kind": "catalog",
                    "what": {"de": "Test", "en": "Test"},
                    "why": {"de": "Test", "en": "Test"},
                }
            ],
        },
        *data.get("changes", []),
    ]
    return _dump(data)


def test_a_newer_revision_of_the_same_edition_is_stored_and_used(
    tmp_path: Path, data_dir: Path
) -> None:
    newer = tmp_path / "newer.yaml"
    newer.write_bytes(_revision(REVISION + 1))
    result = CliRunner().invoke(main, ["update", "--from", str(newer)])
    assert result.exit_code == 0, result.output
    pin = f"acs-it-notfall@{CATALOG_FILE.stem}"
    assert result.stdout.startswith(f"stored: {pin} revision {REVISION + 1} → ")
    assert load_catalog(pin).revision == REVISION + 1
    listing = CliRunner().invoke(main, ["catalog", "list"]).stdout
    line = next(x for x in listing.splitlines() if pin in x)
    assert line.split()[1:4] == ["rev.", str(REVISION + 1), "stored"]
    again = CliRunner().invoke(main, ["update", "--from", str(newer)])
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith(f"up to date: {pin} revision {REVISION + 1}")
    bundled = tmp_path / "bundled.yaml"
    bundled.write_bytes(CATALOG_FILE.read_bytes())
    older = CliRunner().invoke(main, ["update", "--from", str(bundled)])
    assert older.exit_code == 2
    assert (
        f"{pin} revision {REVISION} is older than the installed {pin} revision {REVISION + 1} "
        "(stored)"
    ) in older.stderr


def test_a_directory_must_be_named_as_one(tmp_path: Path, data_dir: Path) -> None:
    data = yaml.safe_load(SUPPORT)
    data["id"] = "kontakte-de"
    source = write_file(tmp_path / "kontakte.yaml", _dump(data))
    result = CliRunner().invoke(main, ["update", "--from", str(source)])
    assert result.exit_code == 2
    assert (
        f"{source}: kontakte-de@2099.01 is a support directory, but its id does not start with "
        "'support-'; it cannot be stored"
    ) in result.stderr
    assert not data_dir.exists()


def write_file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_stored_file_that_no_longer_validates_says_how_to_recover(data_dir: Path) -> None:
    target = data_dir / "catalogs" / "acs-it-notfall" / "2099.01.yaml"
    target.parent.mkdir(parents=True)
    data = yaml.safe_load(NEW)
    data["controls"][0]["stage"] = 42
    target.write_bytes(_dump(data))
    with pytest.raises(InputError) as err:
        load_catalog("acs-it-notfall")
    last = err.value.problems[-1]
    assert last.file == str(target)
    assert last.message == "this version was stored by 'assess update' and does not validate"
    assert "delete the file to use the bundled version again" in (last.fix or "")
    assert load_catalog(f"acs-it-notfall@{CATALOG_FILE.stem}").version == CATALOG_FILE.stem
