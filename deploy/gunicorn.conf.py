"""gunicorn behind nginx (deploy/nginx.conf): threads, so that a slow response does not hold a whole
process, and timeouts shorter than nginx's, so that a stuck request is ended rather than queued behind."""

import ctypes
import ctypes.util
import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30  # a request taking longer is ended and its worker replaced
graceful_timeout = 20
keepalive = 5
max_requests = 2000  # workers are replaced now and then, so slow leaks cannot grow
max_requests_jitter = 200
accesslog = "-"

# glibc gives each thread that allocates its own memory arena, and gives little of it back: four threads
# a worker held up to a sixth more memory, by how their requests happened to interleave. Two arenas a
# process, set in the master before any worker or thread exists (glibc only; elsewhere nothing changes).
M_ARENA_MAX = -8
MALLOC_ARENAS = int(os.environ.get("MALLOC_ARENA_MAX", "2"))


def _limit_malloc_arenas():
    libc_name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(libc_name) if libc_name else None
    mallopt = getattr(libc, "mallopt", None)
    return bool(mallopt and mallopt(M_ARENA_MAX, MALLOC_ARENAS))


ARENAS_LIMITED = _limit_malloc_arenas()

# Long-lived objects (modules, compiled templates, the menus and register each process holds) are moved
# out of the garbage collector's sight after a worker starts and after its 1st, 10th, 100th and 1,000th
# request. Otherwise each full collection walks them all again: at national size one took 80 to 200 ms in
# the middle of a request, so a page's slowest tenth was twice its usual time.
FREEZE_AFTER_REQUESTS = (1, 10, 100, 1000)


def post_worker_init(worker):
    gc.freeze()


_freezes_left = list(FREEZE_AFTER_REQUESTS)  # each worker's own copy once forked


def post_request(worker, req, environ, resp):
    if _freezes_left and worker.nr >= _freezes_left[0]:  # threads may pass a number together: >=, not ==
        _freezes_left.pop(0)
        gc.freeze()
