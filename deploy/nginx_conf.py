"""Write nginx's configuration for serve-prod from deploy/nginx.conf.template.

    python deploy/nginx_conf.py --run-dir .run --listen 127.0.0.1:8080 \\
        --static-root staticfiles --app-ports 8001 8002 > .run/nginx.conf

Only the standard library, so that it runs before anything else is set up.
"""

import argparse
import os
import pwd
import sys
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf.template")


def render(*, run_dir: Path, listen: str, static_root: Path, app_ports: list[int]) -> str:
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in app_ports
    )
    # Started as root, nginx's workers switch to another user: the owner of the project's
    # files, who can read the static files wherever the project is (a checkout in /root
    # is unreadable to nobody). Started by anyone else, they stay that user.
    user = ""
    if os.geteuid() == 0:
        owner = pwd.getpwuid(static_root.stat().st_uid).pw_name
        user = f"user {owner};"
    text = TEMPLATE.read_text()
    for mark, value in {
        "@USER@": user,
        "@RUN_DIR@": str(run_dir),
        "@LISTEN@": listen,
        "@STATIC_ROOT@": str(static_root),
        "@UPSTREAM_SERVERS@": servers,
    }.items():
        text = text.replace(mark, value)
    return text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run-dir", type=Path, required=True)
    parser.add_argument("--listen", required=True, help="host:port")
    parser.add_argument("--static-root", type=Path, required=True)
    parser.add_argument("--app-ports", type=int, nargs="+", required=True)
    args = parser.parse_args(argv)
    sys.stdout.write(
        render(
            run_dir=args.run_dir.resolve(),
            listen=args.listen,
            static_root=args.static_root.resolve(),
            app_ports=args.app_ports,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
