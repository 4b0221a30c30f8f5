"""gunicorn settings of one Samskab app server (deploy/README.md).

    gunicorn --config deploy/gunicorn.conf.py --bind 127.0.0.1:8001

The address comes from the command line (systemd's samskab-web@8001.service passes its
instance name), so several app servers on one machine share this file. The environment
holds the site's settings (deploy/samskab.env.example); GUNICORN_WORKERS and
GUNICORN_TIMEOUT may tune the server itself.
"""

import multiprocessing
import os

wsgi_app = "samskab.wsgi:application"

# Sync workers, one request at a time each: nginx buffers requests and responses, so a
# slow client never holds a worker, and a worker's database connection is never shared.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))

# A request that takes longer than this has its worker killed and restarted. Keep it above
# EMAIL_TIMEOUT and below nginx's proxy_read_timeout (60 s in samskab-proxy.conf), so
# nginx sees the connection close and can try a GET on another app server.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# On SIGTERM (systemctl stop or restart) requests in progress get this long to finish.
graceful_timeout = 30

# A fresh worker now and then keeps any slow growth of memory in check; the jitter keeps
# the workers from restarting together.
max_requests = 2000
max_requests_jitter = 200

# Only the proxy on this machine may say that the visitor came over HTTPS
# (X-Forwarded-Proto); Django reads the same header (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = "127.0.0.1,::1"

# Errors and start-up to standard error (the journal under systemd). nginx writes the
# access log, with the request id it passes on as X-Request-ID.
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = None

# gunicorn's runtime control socket lives at one path per user: two app servers on one
# machine would take each other's. Nothing here uses it.
control_socket_disable = True
