"""Gunicorn settings for one SEND tracker app server (deploy/serve-prod starts two).

Everything comes from the environment so that one file serves every server:
GUNICORN_BIND (127.0.0.1:8001), GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Threads rather than many processes: most of a request is waiting on PostgreSQL, and
# each process costs about 150 MB once WeasyPrint is loaded.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# A council pack made inside the request takes up to about 30 s on a large council.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 10
keepalive = 5
# Recycle workers now and then (memory), staggered so that they do not all restart at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the app before forking: a broken settings file stops the server at once, and
# workers share the imported code's memory.
preload_app = True
accesslog = "-"
# The client's address as nginx saw it (X-Forwarded-For), then the request and its time.
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# Only nginx on this machine talks to the app servers; it sets X-Forwarded-For and
# X-Forwarded-Proto, which Django reads (PROXY_COUNT, SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = "127.0.0.1"
