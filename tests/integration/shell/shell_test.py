#!/usr/bin/python3
"""The pty tests of `cepheus shell`: a real `cepheus serve` on a free loopback port, and the
shell driven through a pseudo-terminal by pexpect, as a person types. Every wait is bounded
(pexpect's timeout, the loops' counts). Run one case: shell_test.py --binary B --case NAME."""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import pexpect

WAIT = 20  # seconds any one expected text may take to appear

SHOP = """@app:name('Shop')
define stream Orders (item string, price double, qty long);
define table Stock (item string, price double, qty long);
@info(name='big') from Orders[price > 100.0] select item, price insert into BigOrders;
@info(name='keep') from Orders insert into Stock;
"""


class Server:
    """`cepheus serve --listen 127.0.0.1:0` with Shop in its deployment directory."""

    def __init__(self, binary, root, extra=()):
        self.binary = binary
        self.root = root
        self.token = None
        os.makedirs(os.path.join(root, "apps"), exist_ok=True)
        with open(os.path.join(root, "apps", "shop.siddhi"), "w") as f:
            f.write(SHOP)
        port_file = os.path.join(root, "port")
        self.log = open(os.path.join(root, "server.log"), "w")
        self.process = subprocess.Popen(
            [binary, "serve", "--listen", "127.0.0.1:0", "--port-file", port_file,
             "--apps", os.path.join(root, "apps"), "--state", os.path.join(root, "state"),
             "--drain-timeout", "500", *extra],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.port = None
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                self.port = int(open(port_file).read().strip())
                break
            time.sleep(0.1)
        assert self.port, "the server wrote no port file in 30 s"
        self.url = "http://127.0.0.1:%d" % self.port
        for _ in range(300):
            try:
                if json.loads(self.get("/health")).get("ready"):
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError("the server was not ready in 30 s")

    def get(self, path):
        request = urllib.request.Request(self.url + path, headers=self.headers())
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.read().decode()

    def post(self, path, body):
        request = urllib.request.Request(self.url + path, data=body.encode(), method="POST", headers=self.headers())
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.read().decode()

    def headers(self):
        return {"Authorization": "Bearer " + self.token} if self.token else {}

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


class Case:
    def __init__(self, binary, root, server, source="", plugin=""):
        self.source = source
        self.plugin = plugin
        self.binary = binary
        self.root = root
        self.server = server
        self.home = os.path.join(root, "home")
        os.makedirs(self.home, exist_ok=True)
        self.env = dict(os.environ, HOME=self.home, TERM="xterm", LC_ALL="C.UTF-8")
        self.env.pop("EDITRC", None)

    def shell(self, *extra):
        child = pexpect.spawn(self.binary, ["shell", "--server", self.server.url, *extra], env=self.env,
                              cwd=self.root, encoding="utf-8", timeout=WAIT, dimensions=(40, 160))
        child.logfile_read = sys.stdout
        child.expect_exact("Ctrl-D leaves")
        child.expect_exact("cepheus> ")
        return child

    def use_shop(self, child):
        child.sendline("use Shop")
        child.expect_exact("using app 'Shop'")
        child.expect_exact("cepheus:Shop> ")

    def run(self, *args, stdin=None):
        return subprocess.run([self.binary, "shell", "--server", self.server.url, *args], env=self.env,
                              cwd=self.root, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=60)

    def leave(self, child):
        # Called at a prompt (a Ctrl-D typed ahead of it would reach the terminal in its line
        # mode, not libedit).
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0, "the shell exited %s" % child.exitstatus


def multi_line_query(case):
    case.server.post("/siddhi-apps/Shop/streams/Orders",
                     '{"data":["tv",900.0,1]}\n{"data":["pen",2.5,10]}\n{"data":["cup",4.0,3]}')
    child = case.shell()
    case.use_shop(child)
    child.sendline("from Stock")
    child.expect_exact("           -> ")  # the continuation prompt, as wide as the prompt
    child.sendline("  on qty > 2")
    child.expect_exact("-> ")
    child.sendline("select item, qty order by qty desc;")
    child.expect(r" item +\| +qty\r\n-+\+-+\r\n pen +\| +10\r\n cup +\| +3\r\n\(2 rows\)")
    child.expect_exact("cepheus:Shop> ")
    child.sendline("output json")
    child.expect_exact("output json")
    child.sendline("from Stock on item == 'tv' select item, price;")
    child.expect_exact('{"item":"tv","price":900.0}')
    child.expect_exact("cepheus:Shop> ")
    case.leave(child)


def tab_completion(case):
    # libedit redraws a completed word with cursor moves, so what TAB inserted is checked by
    # what the line does once entered (a wrong word would fail), and the lists it shows as text.
    case.server.post("/siddhi-apps/Shop/streams/Orders", '{"data":["tv",900.0,1]}')
    child = case.shell()
    # A command, and an app name from the server.
    child.send("us\t")
    child.send("Sh\t\r")
    child.expect_exact("using app 'Shop'")
    child.expect_exact("cepheus:Shop> ")
    # A keyword (in the case it was started in), a table and an attribute of a select list.
    child.send("FR\tSto\tselect it\t")
    # An attribute after `Name.`: three candidates are listed.
    child.send(", Stock.\t")
    child.expect(r"item +price +qty\r\n")
    child.send("q\t;\r")
    child.expect(r" item +\| +qty\r\n-+\+-+\r\n tv +\| +1\r\n\(1 row\)")
    child.expect_exact("cepheus:Shop> ")
    # A stream after `describe` (the server's elements), and the windows after `#window.`.
    child.send("describe Ord\t\r")
    child.expect_exact("stream Orders (item string, price double, qty long)")
    child.expect_exact("cepheus:Shop> ")
    child.send("from Orders#window.\t")
    child.expect(r"length\( +lengthBatch\(")
    child.expect(r"timeBatch\(")
    child.sendintr()
    child.expect_exact("cepheus:Shop> ")
    # Keywords first on a line: `sel` completes to `select`; the query then runs.
    child.send("sel\t'a' as x insert into Stock\r")
    child.expect_exact("           -> ")
    child.sendintr()
    child.expect_exact("cepheus:Shop> ")
    case.leave(child)


def history_across_sessions(case):
    child = case.shell()
    child.sendline("apps")
    child.expect_exact("(1 row)")
    child.sendline("output json")
    child.expect_exact("output json")
    child.sendline("apps")
    child.expect_exact("cepheus> ")
    child.sendline("from Stock")
    child.sendline("select item;")
    child.expect_exact("no app in use")
    child.expect_exact("cepheus> ")
    case.leave(child)
    with open(os.path.join(case.home, ".cepheus_history")) as f:
        entries = f.read().splitlines()
    assert entries == ["output json", "apps", "from Stock select item;"], entries  # no duplicates

    child = case.shell()
    child.send("\x1b[A")  # up: the last entry
    child.expect_exact("from Stock select item;")
    child.send("\x1b[A\x1b[A\r")  # two more: output json
    child.expect_exact("output json\r\n")
    child.expect_exact("output json")
    # Run again, it moves to the end: the history holds each entry once, the latest place kept.
    child.sendline("history")
    child.expect(r" 1  apps\r\n +2  from Stock select item;\r\n +3  output json\r\n +4  history\r\n")
    child.expect_exact("cepheus> ")
    case.leave(child)


def interrupt_tail(case):
    child = case.shell()
    case.use_shop(child)
    # Ctrl-C drops a statement being typed, and the shell stays.
    child.sendline("from Stock")
    child.expect_exact("-> ")
    child.sendintr()
    child.expect_exact("cepheus:Shop> ")
    child.sendline("tail BigOrders")
    child.expect_exact("(Ctrl-C stops)")
    child.expect(r" ts +\| item +\| price")
    # Sent once the tail is connected: its counter on the elements route says so (bounded).
    for _ in range(200):
        streams = json.loads(case.server.get("/siddhi-apps/Shop/elements"))["streams"]
        if any(s["name"] == "BigOrders" and s["tails"] == 1 for s in streams):
            break
        time.sleep(0.05)
    case.server.post("/siddhi-apps/Shop/streams/Orders", '{"data":["tv",900.0,1]}\n{"data":["pen",2.5,10]}')
    child.expect(r"\| tv +\| 900\.0")
    child.sendintr()
    child.expect_exact("(1 event, stopped by Ctrl-C)")
    child.expect_exact("cepheus:Shop> ")
    child.sendline("tail Orders LIMIT 1")
    child.expect_exact("for 1 event (Ctrl-C stops)")
    for _ in range(200):
        streams = json.loads(case.server.get("/siddhi-apps/Shop/elements"))["streams"]
        if any(s["name"] == "Orders" and s["tails"] == 1 for s in streams):
            break
        time.sleep(0.05)
    child.sendline("send Orders [\"lamp\", 20.0, 2]")  # typed ahead: runs once the tail ends
    case.server.post("/siddhi-apps/Shop/streams/Orders", '{"data":["fan",30.0,1]}')
    child.expect_exact("(1 event)")
    child.expect_exact("sent 1 event to Orders")
    child.sendline("from Stock on item == 'lamp' select qty;")
    child.expect_exact("(1 row)")
    child.expect_exact("cepheus:Shop> ")
    case.leave(child)


def errors_with_caret(case):
    child = case.shell()
    case.use_shop(child)
    # Checked locally: found and expected, the line echoed, the caret under the column.
    child.sendline("from Stock selct item;")
    child.expect(r"1:12: error: [^\r]*'selct'[^\r]*expected[^\r]*\r\n  from Stock selct item\r\n {13}\^")
    # Checked by the server: its message, with the caret, never the raw HTTP answer.
    child.sendline("from Stock")
    child.sendline("select item, cost;")
    child.expect(r"2:14: error: unknown attribute 'cost'[^\r]*\r\n  select item, cost\r\n {15}\^")
    child.sendline("use Nowhere")
    child.expect_exact("error: no app named 'Nowhere'")
    child.sendline("deploy missing.siddhi")
    child.expect_exact("missing.siddhi: error: cannot read")
    child.sendline("bogus")
    child.expect_exact("error: unknown command 'bogus'")
    child.expect_exact("cepheus:Shop> ")
    case.leave(child)


def execute_and_file(case):
    # --execute: no terminal, no prompt; rows on stdout.
    case.server.post("/siddhi-apps/Shop/streams/Orders", '{"data":["tv",900.0,1]}')
    done = case.run("--execute", "use Shop\nfrom Stock select item, qty;", stdin="")
    assert done.returncode == 0, done
    assert " item | qty\n" in done.stdout and " tv   |   1\n" in done.stdout, done.stdout
    assert "cepheus>" not in done.stdout, done.stdout
    # An error: exit 1, the message with its caret on stderr.
    failed = case.run("--execute", "use Shop\nfrom Stock select price2;", stdin="")
    assert failed.returncode == 1, failed
    assert "1:19: error: unknown attribute 'price2'" in failed.stderr, failed.stderr
    # --file: runs in order and stops at the first failure (the send after it never runs).
    script = os.path.join(case.root, "script.shell")
    with open(script, "w") as f:
        f.write("-- a script\nuse Shop\nsend Orders [\"cup\", 4.0, 3]\n"
                "from Stock\n  select item\n  order by item;\nfrom Stock selct;\nsend Orders [\"pen\", 2.0, 1]\n")
    ran = case.run("--file", script, stdin="")
    assert ran.returncode == 1, ran
    assert "sent 1 event to Orders" in ran.stdout and " cup\n" in ran.stdout, ran.stdout
    assert "script.shell:7: the script stops here" in ran.stderr, ran.stderr
    rows = json.loads(case.server.post("/stores/query", json.dumps({"appName": "Shop", "query": "from Stock"})))
    assert [r[0] for r in rows["records"]] == ["tv", "cup"], rows
    # A statement left without ';' at the end is an error too.
    open(script, "w").write("use Shop\nfrom Stock select item\n")
    unfinished = case.run("--file", script, stdin="")
    assert unfinished.returncode == 1 and "has no ';'" in unfinished.stderr, unfinished
    # Piped into the shell: the same as a script.
    piped = case.run(stdin="use Shop\noutput json\nfrom Stock select item;\n")
    assert piped.returncode == 0 and '{"item":"tv"}' in piped.stdout, piped
    # `check FILE` reports as `cepheus check` does.
    bad = os.path.join(case.root, "bad.siddhi")
    open(bad, "w").write("define stream S (a int);\nfrom S select b insert into T;\n")
    checked = case.run("--execute", "check bad.siddhi", stdin="")
    reference = subprocess.run([case.binary, "check", bad], cwd=case.root, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, timeout=60)
    first = reference.stderr.splitlines()[0].replace(bad, "bad.siddhi")
    assert checked.returncode == 1 and first in checked.stderr, (checked, reference)
    # With --plugin, `check` knows the plugin's functions, as `cepheus check --plugin` does.
    risk = os.path.join(case.source, "examples", "plugin", "risk.siddhi")
    unknown = case.run("--execute", "check " + risk, stdin="")
    assert unknown.returncode == 1 and "unknown function 'risk:score'" in unknown.stderr, unknown
    known = case.run("--plugin", case.plugin, "--execute", "check " + risk, stdin="")
    assert known.returncode == 0 and risk + ": ok" in known.stdout, known


def deploy_send_undeploy(case):
    app = os.path.join(case.root, "inventory.siddhi")
    with open(app, "w") as f:
        f.write("@app:name('Inventory')\ndefine stream Deliveries (item string, qty long);\n"
                "define table Stock (item string, qty long);\nfrom Deliveries insert into Stock;\n")
    bad = os.path.join(case.root, "bad.siddhi")
    with open(bad, "w") as f:
        f.write("@app:name('Bad')\ndefine stream S (a int);\nfrom S select b insert into T;\n")
    child = case.shell()
    child.sendline("deploy inventory.siddhi")
    child.expect_exact("app 'Inventory' deployed")
    child.expect_exact("using app 'Inventory'")  # the first app deployed is the one in use
    child.expect_exact("cepheus:Inventory> ")
    child.sendline('send Deliveries [["tv", 3], ["fan", 1], {"event": {"item": "cup", "qty": 7}}]')
    child.expect_exact("sent 3 events to Deliveries")
    child.sendline("send Deliveries [\"tv\"]")
    child.expect(r"error: [^\r]*invalid[^\r]*\r\n  event 1: [^\r]*2 attributes")
    child.sendline("from Stock select item, qty order by qty;")
    child.expect(r" fan +\| +1\r\n tv +\| +3\r\n cup +\| +7\r\n\(3 rows\)")
    child.sendline("describe")
    child.expect(r"streams\r\n stream +\| attributes +\| events")
    child.expect(r"Deliveries \| \(item string, qty long\) +\| +3")
    child.expect(r"Stock +\| table \| \(item string, qty long\)")
    child.expect_exact("cepheus:Inventory> ")
    # The server's diagnostics, against the file's own lines.
    child.sendline("deploy bad.siddhi")
    child.expect(r"bad\.siddhi:3:15: error: unknown attribute 'b'[^\r]*\r\n  from S select b insert into T;\r\n {16}\^")
    child.sendline("check bad.siddhi")
    child.expect(r"bad\.siddhi:3:15: error: unknown attribute 'b'")
    child.sendline("undeploy Inventory")
    child.expect_exact("app 'Inventory' undeployed")
    child.expect_exact("cepheus> ")  # it was the app in use
    child.sendline("apps")
    child.expect(r" Shop +\| active\r\n\(1 row\)")
    child.expect_exact("cepheus> ")
    case.leave(child)


def session_commands(case):
    case.server.post("/siddhi-apps/Shop/streams/Orders", '{"data":["tv",900.0,1]}')
    spooled = os.path.join(case.root, "spool.txt")
    done = case.run("--execute", "help\nHELP tail\nuse Shop\nstatus\nmetrics Shop\nspool " + spooled +
                    "\nfrom Stock select item;\nspool off\noutput json\nfrom Stock select item;", stdin="")
    assert done.returncode == 0, done
    for text in ["  apps ", "  run script FILE", "tail STREAM [LIMIT n]\n    show the events",
                 "server " + case.server.url + ": ok, 1 apps\napp Shop: active\noutput table\n",
                 ]:
        assert text in done.stdout, (text, done.stdout)
    for row in [r"\n cepheus_stream_events_total +\| stream=Orders +\| +1\n",
                r"\n cepheus_ingest_request_seconds_count +\| stream=Orders +\| +1\n"]:
        assert re.search(row, done.stdout), (row, done.stdout)
    # metrics APP: only that app's samples; histogram buckets are left to scrapers.
    assert "cepheus_apps " not in done.stdout and "_bucket" not in done.stdout, done.stdout
    with open(spooled) as f:
        copy = f.read()
    assert copy.startswith("spooling to") and " item\n------\n tv\n(1 row)\n" in copy, copy
    assert '{"item"' not in copy and "stopped spooling" not in copy, copy
    # JSON output, for scripts: apps as rows, describe as the elements with the tables.
    described = case.run("--output", "json", "--execute", "apps\ndescribe Shop", stdin="")
    assert described.returncode == 0, described
    apps_line, elements_line = described.stdout.splitlines()
    assert json.loads(apps_line) == {"app": "Shop", "status": "active"}, apps_line
    elements = json.loads(elements_line)
    assert [s["name"] for s in elements["streams"]] == ["Orders", "BigOrders"], elements
    assert elements["tables"] == [{"name": "Stock", "kind": "table", "attributes": [
        {"name": "item", "type": "string"}, {"name": "price", "type": "double"}, {"name": "qty", "type": "long"}]}], elements
    # `server URL` moves to another server; one that does not answer is an error.
    moved = case.run("--server", "http://127.0.0.1:1", "--execute", "server " + case.server.url + "\napps", stdin="")
    assert moved.returncode == 0 and "now talking to " + case.server.url in moved.stdout, moved
    gone = case.run("--execute", "server 127.0.0.1:1\napps", stdin="")
    assert gone.returncode == 1 and "does not answer" in gone.stderr, gone
    assert "connection refused (http://127.0.0.1:1)" in gone.stderr, gone
    assert "apps" not in gone.stdout.replace("0 apps", ""), gone
    # Without --server: the address scripts/run.sh starts the server on (whether one runs there
    # on this machine or not, it is the one named).
    child = pexpect.spawn(case.binary, ["shell"], env=case.env, cwd=case.root, encoding="utf-8", timeout=WAIT)
    child.logfile_read = sys.stdout
    child.expect_exact("cepheus shell ")
    child.expect_exact(" on http://127.0.0.1:9090 (")
    child.expect_exact("cepheus> ")
    child.sendline("exit")
    child.expect(pexpect.EOF)
    # A server that does not answer is said at once.
    child = pexpect.spawn(case.binary, ["shell", "--server", "127.0.0.1:1"], env=case.env, cwd=case.root,
                          encoding="utf-8", timeout=WAIT)
    child.logfile_read = sys.stdout
    child.expect_exact("warning: no answer from the server: connection refused (http://127.0.0.1:1); `server URL`")
    child.expect_exact("cepheus> ")
    child.sendline("exit")
    child.expect(pexpect.EOF)


def token_and_scripts(case):
    # This server needs a bearer token (its --token-file, written by main()).
    refused = case.run("--execute", "apps", stdin="")
    assert refused.returncode == 1 and refused.stderr.startswith("error: ") and "HTTP/1.1" not in refused.stderr, refused
    token = os.path.join(case.root, "token")
    script = os.path.join(case.root, "setup.shell")
    with open(script, "w") as f:
        f.write("use Shop\nsend Orders [\"tv\", 900.0, 1]\n")
    child = case.shell("--token-file", token)
    child.sendline("run script setup.shell")
    child.expect_exact("sent 1 event to Orders")
    child.expect_exact("cepheus:Shop> ")
    child.sendline("apps;")
    child.expect(r" Shop +\| active \(in use\)\r\n\(1 row\)")
    child.sendline("tail Nothing")
    child.expect_exact("error: app 'Shop' has no stream 'Nothing' (it has: Orders, BigOrders)")
    child.sendline("from Stock select item;")
    child.expect(r" tv\r\n\(1 row\)")
    child.expect_exact("cepheus:Shop> ")
    case.leave(child)


def example_apps(case):
    # The apps and events of queries/, as scripts/run.sh serves them (the README's quick start).
    child = case.shell()
    child.sendline("apps")
    child.expect(r" CardTransactions +\| active\r\n PaymentAlerts +\| active\r\n Shop +\| active\r\n StockAlerts +\| active\r\n\(4 rows\)")
    child.sendline("use StockAlerts")
    child.expect_exact("using app 'StockAlerts' (5 streams, 0 tables)")
    child.sendline("describe")
    child.expect(r" Trades +\| \(symbol string, price double, volume long, exchange string\) +\| +20 \| +20 \|")
    child.expect(r" log +\| TradeAlerts +\| +12 \| +12 \|")
    child.expect_exact("cepheus:StockAlerts> ")
    child.sendline("tail TradeAlerts LIMIT 1")
    child.expect_exact("(Ctrl-C stops)")
    for _ in range(200):
        streams = json.loads(case.server.get("/siddhi-apps/StockAlerts/elements"))["streams"]
        if any(s["name"] == "TradeAlerts" and s["tails"] == 1 for s in streams):
            break
        time.sleep(0.05)
    case.server.post("/siddhi-apps/StockAlerts/streams/Trades", '{"ts":90000,"data":["WSO2",20.0,60000,"OTC"]}')
    child.expect(r" 90000 +\| WSO2 +\| block +\| 1200")
    child.expect_exact("(1 event)")
    child.expect_exact("cepheus:StockAlerts> ")
    case.leave(child)


CASES = {f.__name__: f for f in
         [multi_line_query, tab_completion, history_across_sessions, interrupt_tail, errors_with_caret,
          execute_and_file, deploy_send_undeploy, session_commands, token_and_scripts, example_apps]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    parser.add_argument("--plugin", default="")
    parser.add_argument("--source", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
    args = parser.parse_args()
    root = tempfile.mkdtemp(prefix="cepheus-shell-test-")
    extra = []
    if args.case == "token_and_scripts":
        with open(os.path.join(root, "token"), "w") as f:
            f.write("s3cret-token\n")
        extra = ["--token-file", os.path.join(root, "token")]
    if args.case == "example_apps":
        os.makedirs(os.path.join(root, "apps"))
        queries = os.path.join(args.source, "queries")
        for name in sorted(os.listdir(queries)):
            if name.endswith(".siddhi"):
                shutil.copy(os.path.join(queries, name), os.path.join(root, "apps", name))
    server = Server(os.path.abspath(args.binary), root, extra)
    if args.case == "example_apps":
        # What scripts/run.sh does once the server is ready: each app's events to its stream;
        # not to an app with a webhook sink, which would post to a fixed port of this machine.
        for name in sorted(os.listdir(queries)):
            if name.endswith(".events.jsonl"):
                text = open(os.path.join(queries, name)).read()
                app_text = open(os.path.join(queries, name.replace(".events.jsonl", ".siddhi"))).read()
                if "@sink(type='http'" in app_text:
                    continue
                app = app_text.split("@app:name('")[1].split("'")[0]
                stream = json.loads(text.splitlines()[0])["stream"]
                server.post("/siddhi-apps/%s/streams/%s" % (app, stream), text)
    server.token = "s3cret-token" if extra else None
    try:
        CASES[args.case](Case(os.path.abspath(args.binary), root, server, os.path.abspath(args.source), args.plugin))
    except BaseException:
        server.stop()
        sys.stdout.write("\n--- server log ---\n" + open(os.path.join(root, "server.log")).read())
        raise
    server.stop()
    shutil.rmtree(root, ignore_errors=True)
    print("\nok: " + args.case)


if __name__ == "__main__":
    main()
