"""The `deskapp` command in Chinese (zh_CN) beside English: help, messages, tables, lists, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from deskapp.cli.main import COMMANDS
from deskapp.words.widths import cells
from tests.callback_cases import four_callbacks

NOW = "2026-11-24T12:00+08:00"
ADD = ["add", "--kind", "投诉", "--severity", "一般", "--who", "李女士", "--which", "B座12层1203室",
       "--what", "天花板漏水，水一直滴到办公桌上", "--phone", "13800138000", "--received", "2026-11-20T19:30+08:00"]

# Words a Chinese screen may still show in Latin letters: the program, command and format names,
# the manuals' own 5W1H, units, and the examples typed in the help; staff's subcommands (role, leave, history)
# and phone's (serve, token, simulate), typed as they are (incident open too); the phone system's wire format, Zammad generic CTI,
# which is the name its administrator picks in the phone system's settings.
ALLOWED = {"deskapp", "role", "leave", "history", "serve", "token", "simulate", "start", "record", "close", "open", "Zammad", "CTI",
           "JSON", "KiB", "md", "csv", "json", "html", "xlsx", "en", "zh", "B1", "5W1H",
           *(name for name, _command in COMMANDS)}


def english_words(text: str, also: set[str] = frozenset()) -> list[str]:
    """Words of Latin letters left in a text once option names, environment variables, paths,
    identifiers and the allowed words are taken out."""
    text = text.replace("5W1H", " ")
    hyphened = "|".join(name for name, _command in COMMANDS if "-" in name)  # notice-add, action-done …
    text = re.sub(rf"(?<![\w-])({hyphened})(?![\w-])", " ", text)  # the commands with a hyphen
    text = re.sub(r"--?[A-Za-z][\w-]*", " ", text)  # --kind, -h, --not-signed
    text = re.sub(r"\S*[A-Za-z0-9][/_.=]\S*", " ", text)  # data/deskapp.db, DESKAPP_DB, LANG=zh_CN.UTF-8
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", text) if w not in ALLOWED | also]


@pytest.fixture
def zh(cli, monkeypatch):
    """`deskapp ARGS` in-process on a machine whose locale is Chinese (LANG=zh_CN.UTF-8)."""
    for name in ("DESKAPP_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")

    def run(*args: str) -> tuple[int, str, str]:
        # The language chosen last (i18n.set_language) is left in LANGUAGE; a fresh process has none.
        monkeypatch.delenv("LANGUAGE", raising=False)
        return cli(*args)

    return run


def test_the_top_help_is_all_chinese(zh):
    code, out, err = zh("--help")
    assert code == 0, err
    for word in ("用法：", "选项", "命令", "[选项]", "登记来电", "列出工单", "待回访清单", "显示本帮助并退出", "界面语言"):
        assert word in out
    assert english_words(out) == []
    assert "--lang" in out and "zh_CN" in out


@pytest.mark.parametrize("command", [name for name, _command in COMMANDS])
def test_every_command_help_is_all_chinese(zh, command):
    code, out, err = zh(command, "--help")
    assert code == 0, err
    assert f"用法：deskapp {command} [选项]" in out
    assert "显示本帮助并退出" in out
    assert english_words(out) == [], command


def test_help_arguments_types_and_defaults_are_chinese(zh):
    _, out, _ = zh("severity", "--help")
    assert "{工单号} {新等级}" in out and "参数" in out and "<整数>" in out and "[必填]" in out
    _, out, _ = zh("add", "--help")
    assert "[默认：电话]" in out and "<文本>" in out and "咨询、报修、投诉、求助或建议/表扬" in out
    _, out, _ = zh("callbacks", "--help")
    assert "[默认：全部]" in out


def test_one_process_shows_the_help_in_either_language(zh, cli):
    code, out, _ = zh("list", "--help")
    assert code == 0 and "只列未关闭的工单" in out
    code, out, _ = cli("--lang", "en", "list", "--help")
    assert code == 0 and "Usage: deskapp list [OPTIONS]" in out and "Only cases still open." in out
    assert "选项" not in out and "<str>" in out and "[default: 200]" in out
    code, out, _ = zh("list", "--help")
    assert code == 0 and "只列未关闭的工单" in out


def test_lang_en_overrides_a_chinese_locale(zh):
    code, out, _ = zh("--lang", "en", "--help")
    assert code == 0 and "Usage: deskapp [OPTIONS] COMMAND [ARGS]..." in out and "用法" not in out
    code, out, err = zh("--lang=en", "add", "--what", "x")
    assert code == 2 and err.startswith("error: say what kind of case")


@pytest.mark.parametrize("spelling", ["zh", "zh-CN", "zh_CN"])
def test_lang_zh_in_an_english_locale(cli, monkeypatch, spelling):
    monkeypatch.setenv("LANG", "C.UTF-8")
    code, out, _ = cli("--lang", spelling, "--help")
    assert code == 0 and "用法：" in out


def test_deskapp_lang_setting_is_read(cli, monkeypatch):
    monkeypatch.setenv("DESKAPP_LANG", "zh_CN")
    code, _, err = cli("show", "abc")
    assert code == 2 and err.startswith("错误：") and "不是工单号" in err


@pytest.mark.parametrize(("args", "env", "message"), [
    (["--lang", "fr", "list"], {}, "error: --lang 'fr': the desk speaks en and zh_CN"),
    (["--lang=klingon", "--help"], {}, "error: --lang 'klingon': the desk speaks en and zh_CN"),
    (["list"], {"DESKAPP_LANG": "xx"}, "error: DESKAPP_LANG='xx': the desk speaks en and zh_CN"),
])
def test_a_language_the_desk_does_not_speak_is_one_plain_line(cli, monkeypatch, args, env, message):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, out, err = cli(*args)
    assert code == 2 and out == ""
    assert err.strip() == message


def test_a_bad_lang_is_said_in_the_locale_language(zh):
    code, out, err = zh("--lang", "fr", "list")
    assert code == 2 and out == "" and err.strip() == "错误：--lang 'fr'：仅支持 en 和 zh_CN"


def test_add_show_and_list_in_chinese(zh, monkeypatch):
    code, out, err = zh(*ADD)
    assert code == 0, err
    assert "工单 1 · 一般投诉 · 已受理 · 李女士，B座12层1203室" in out
    assert "转派" in out and "已超时" in out and "11月23日 周一 08:20" in out and "处理完成" in out
    code, out, err = zh("forward", "1", "--to", "工程部", "--at", "2026-11-23T08:05+08:00")
    assert code == 0 and "已转派" in out, err

    code, out, _ = zh("show", "1")
    assert code == 0
    for word in ("来电人", "联系电话", "受理时间", "11月20日 周五 19:30（非工作时间）", "位置", "事项", "首问责任人",
                 "责任部门", "工程部", "经办人", "操作", "登记受理", "已完成"):
        assert word in out, word
    assert english_words(out, {"Wang", "Fang"}) == []

    monkeypatch.setenv("COLUMNS", "80")
    zh("add", "--kind", "报修", "--which", "A座3层301", "--what", "茶水间没电，冰箱和微波炉都不能用",
       "--channel", "来访", "--received", "2026-11-24T09:00")
    code, out, _ = zh("list")
    assert code == 0
    lines = out.splitlines()
    assert all(cells(line) <= 80 for line in lines)  # terminal cells: a Chinese character takes two
    header = lines[0]
    assert "#" in header and "类别" in header and "状态" in header and "下一时限" in header
    rows = {line.split()[0]: line for line in lines[2:] if line.strip()}
    assert set(rows) == {"1", "2"}  # the case numbers stay whole at 80 columns
    assert "一般投诉" in rows["1"] and "已转派" in rows["1"] and "● 处理完成 剩余 9个工作小时" in rows["1"]
    assert "报修" in rows["2"] and "已受理" in rows["2"]
    assert english_words(out) == []

    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = zh("list", "--kind", "报修")
    assert code == 0 and "11月24日 周二 09:00" in out and "受理时间" in out and "李女士" not in out


def test_chinese_choices_are_stored_as_the_english_identifiers(zh):
    code, out, err = zh(*ADD, "--channel", "来访", "--json")
    assert code == 0, err
    case = json.loads(out)
    assert (case["kind"], case["severity"], case["channel"], case["status"]) == ("complaint", "general", "visit", "received")
    code, out, err = zh("severity", "1", "重大投诉", "--reason", "水进了机房", "--json")
    assert code == 0 and json.loads(out)["severity"] == "major", err
    code, out, err = zh("note", "1", "接头腐蚀", "--kind", "纠正措施", "--json")
    assert code == 0, err


def test_refusals_and_usage_mistakes_in_chinese(zh, db_url):
    cases = [
        (["add", "--kind", "投诉吧", "--what", "x"], "'投诉吧' 不是有效的类别；可选：咨询、报修、投诉、求助、建议/表扬"),
        (["add", "--what", "x"], "请用 --kind 说明工单类别"),
        (["show"], "缺少参数 '工单号'"),
        (["show", "5x"], "'5x' 不是工单号"),
        (["show", "1", "2"], "多出了参数"),
        (["list", "--limit", "abc"], "'--limit' 的值无效：应为整数"),
        (["list", "--nope"], "没有这个选项：--nope"),
        (["lst"], "没有命令 'lst'"),
        (["list", "--date", "昨天左右"], "不是日期"),
        (["callback", "1"], "请说明回访结果"),
        (["callbacks", "--due", "很快"], "--due '很快' 无效；可选：已超时、今天、明天、以后、全部"),
        (["report", "季"], "'季' 不是统计周期；可选：日、周、月、年"),
    ]
    for args, message in cases:
        code, _, err = zh(*args)
        assert code == 2, args
        assert err.startswith("错误："), (args, err)
        assert message in err, (args, err)
        assert len(err.strip().splitlines()) == 1


def test_callback_lists_in_chinese(zh, desk, monkeypatch, tmp_path):
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-23T09:00+08:00")
    ids = four_callbacks(desk)
    code, out, err = zh("callbacks", "--format", "md", "--due", "今天")
    assert code == 0, err
    assert out.startswith("# 回访清单（今天），2026-11-23 09:00")
    assert "| 工单号 | 回访期限 | 分组 | 客户 | 位置 | 联系电话 | 工单摘要 | 处理情况 | 回访人 | 回访方式 | 已回访次数 | 回访结果 | 客户签字 |" in out
    assert "已超时" in out and "今天到期" in out and "一般投诉：" in out and "上门回访" in out and "部门经理：" in out
    assert f"| {ids['overdue']} |" in out and f"| {ids['later']} |" not in out
    assert english_words(out, {"Ms", "Li", "Mr", "Zhang", "Tower", "problem", "fixed", "for", "Xu", "Ming", "Sun",
                               "Qiang", "Lin", "Tao", "Zhou", "Min"}) == []

    code, out, _ = zh("callbacks", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert list(table[0]) == ["工单号", "回访期限", "分组", "客户", "位置", "联系电话", "工单摘要", "处理情况", "回访人",
                              "回访方式", "已回访次数", "回访结果", "客户签字"]
    assert [int(r["工单号"]) for r in table] == [ids[k] for k in ("overdue", "today", "tomorrow", "later")]
    assert {r["回访方式"] for r in table} == {"电话回访", "上门回访"}

    code, out, _ = zh("callbacks", "--format", "json")
    rows = json.loads(out)  # an interface for scripts: the same keys and values in every language
    assert list(rows[0])[:3] == ["case", "due", "group"] and rows[0]["group"] == "overdue"

    target = tmp_path / "回访.csv"
    code, _, err = zh("callbacks", "--format", "csv", "--due", "明天", "--output", str(target))
    assert code == 0 and err.strip() == f"已将 1 条回访写入 {target}"
    assert target.read_text(encoding="utf-8").startswith("工单号,回访期限,")

    code, out, _ = zh("callbacks", "--format", "csv", "--caller", "nobody")
    assert out.startswith("工单号,回访期限,")  # the headings alone, for a spreadsheet


def test_english_callback_list_headings_and_plural(cli, desk, monkeypatch, tmp_path):
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-23T09:00+08:00")
    four_callbacks(desk)
    code, out, _ = cli("callbacks", "--format", "csv")
    assert out.startswith("case,due,group,name,unit,phone,case summary,what was done,who calls,method,attempts,outcome,signature")
    assert "on-site visit" in out and "complaint (general)" in out
    code, _, err = cli("callbacks", "--format", "csv", "--due", "tomorrow", "--output", str(tmp_path / "one.csv"))
    assert code == 0 and err.startswith("1 callback written to ")


def test_notices_in_chinese(zh):
    code, out, err = zh("notice-add", "水管维修停水", "--topic", "供水", "--starts", "2026-11-25 09:00",
                        "--ends", "2026-11-25 12:00", "--building", "B座", "--floors", "12,13")
    assert code == 0 and out.strip() == "通知 1 已发布：水管维修停水", err
    code, out, _ = zh("notices")
    assert code == 0
    for word in ("类别", "标题", "范围", "开始", "结束", "供水", "B座 12,13 层", "11月25日 周三 09:00"):
        assert word in out, word
    code, out, _ = zh("notices", "--json")
    assert json.loads(out)[0]["topic"] == "water"


def test_upkeep_messages_in_chinese(zh, tmp_path):
    zh(*ADD)
    code, out, _ = zh("check")
    assert code == 0 and out.startswith("一切正常：") and "1 张工单" in out
    code, out, err = zh("backup", str(tmp_path / "now.bak"))
    if code == 0:
        assert out.startswith("备份已写入")
    code, _, err = zh("restore", str(tmp_path / "now.bak"))
    assert code == 2 and "请加 --yes 确认" in err


def _run(args: list[str], db_url: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "DESKAPP_LANG")}
    environ.update(DESKAPP_DB=db_url, TZ="Asia/Shanghai", DESKAPP_NOW=NOW, COLUMNS="100", **env)
    return subprocess.run([sys.executable, "-m", "deskapp", *args], check=False, capture_output=True, text=True, env=environ,
                          timeout=60)


def test_a_fresh_process_follows_the_locale_and_lang(db_url):
    done = _run(["--help"], db_url, LANG="zh_CN.UTF-8")
    assert done.returncode == 0 and "用法：deskapp [选项] 命令 [参数]..." in done.stdout
    assert english_words(done.stdout) == []
    done = _run(["--lang", "en", "--help"], db_url, LANG="zh_CN.UTF-8")
    assert done.returncode == 0 and "Usage: deskapp [OPTIONS] COMMAND [ARGS]..." in done.stdout
    done = _run(["show", "1"], db_url, LANG="zh_CN.UTF-8")
    assert done.returncode == 2 and done.stderr.startswith("错误：") and len(done.stderr.strip().splitlines()) == 1
    done = _run(["--lang", "xx", "--help"], db_url, LANG="en_US.UTF-8")
    assert done.returncode == 2 and done.stderr == "error: --lang 'xx': the desk speaks en and zh_CN\n"
