"""A TCP proxy that counts the bytes a client receives: listens on 127.0.0.1:LISTEN, forwards to
127.0.0.1:TARGET, and on SIGTERM (or when every connection has closed and --once is given) writes
the bytes sent to the clients to the file COUNT.

Usage: python bench/byte_proxy.py LISTEN TARGET COUNT
"""
import signal
import socket
import sys
import threading

listen, target, count_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
received = 0
lock = threading.Lock()


def pipe(src, dst, to_client):
    global received
    try:
        while True:
            data = src.recv(1 << 16)
            if not data:
                break
            dst.sendall(data)
            if to_client:
                with lock:
                    received += len(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def stop(*_):
    with open(count_file, "w") as f:
        f.write(str(received))
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen))
server.listen(16)
while True:
    client, _ = server.accept()
    upstream = socket.create_connection(("127.0.0.1", target))
    threading.Thread(target=pipe, args=(client, upstream, False), daemon=True).start()
    threading.Thread(target=pipe, args=(upstream, client, True), daemon=True).start()
