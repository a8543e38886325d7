#!/usr/bin/env python3
"""Writes a synthetic but valid creditgen content tree of any size (for benchmarks).

    python3 bench/gen_content.py --out /tmp/t/content --units 20 --months 10 \
        --items-per-unit-month 5 --attachments-mb 5 --seed 1 [--start 2022-01]

The tree follows /work/shared/spec/content.md: site.yaml, units.yaml (all five unit
types, ids u0001…, some tagged sgs), calendar.yaml (2022–2023 holidays and make-up
days), rules/<start>.yaml (the repo's default rulebook with `effective` set to the start
month, or a built-in copy of rules.md's default table), and per month and unit: news and
campaign Markdown items, policies, scenarios, supervision, ledger (with records CSVs
whose USCCs pass GB 32100-2015), incidents, objections, metrics/platform figures for
every declared metric that fits the unit, and a review.yaml deciding every item.
Attachments total about --attachments-mb MiB per month: 80 % photos/PDFs (random bytes
behind a real PNG/JPEG/PDF header), 20 % text/office files. Every attachment is
referenced; nothing contains personal data or a sensitive word.

The output depends only on the arguments (seeded RNGs, no clock, no dict/set order
from hashing), so the same arguments give a byte-identical tree. Standard library only.
"""

import argparse
import os
import random
import re
import shutil
import struct
import sys
import time
import zlib

# ---------------------------------------------------------------------------
# Vocabulary (all invented; no personal names, no sensitive words)

PLACE_A = "华洪东王全唐临彩港孙遥郭董荷仲鲍柳西南北新龙凤泉金玉云春荣兴安"
PLACE_B = "山家风舍福冶港石村沟店桥湖庄峪岭泉园城口河林坡屯营集堡亭源"
PLACE_C = "东西南北中新"

DEPARTMENTS = [
    ("区发展和改革局", "发改"), ("区行政审批服务局", "行审"), ("区市场监督管理局", "市监"),
    ("区人力资源和社会保障局", "人社"), ("区卫生健康局", "卫健"), ("区文化和旅游局", "文旅"),
    ("区交通运输局", "交通"), ("区住房和城乡建设局", "住建"), ("区应急管理局", "应急"),
    ("区自然资源局", "自然"), ("区教育和体育局", "教体"), ("区民政局", "民政"),
    ("区司法局", "司法"), ("区财政局", "财政"), ("区农业农村局", "农业"), ("区水务局", "水务"),
    ("区城市管理局", "城管"), ("区商务局", "商务"), ("区科学技术局", "科技"),
    ("区工业和信息化局", "工信"), ("区退役军人事务局", "退役"), ("区医疗保障局", "医保"),
    ("区统计局", "统计"), ("区审计局", "审计"), ("区综合行政执法局", "执法"),
    ("区地方金融监督管理局", "金融"), ("区大数据局", "数据"), ("区机关事务服务中心", "机关"),
]
DEPT_STATIONS = [("市场监督管理所", "市监"), ("司法所", "司法"), ("自然资源所", "自然"),
                 ("交通管理站", "交通"), ("综合执法中队", "执法")]
DUALS = [
    ("区税务局", "税务"), ("区公安分局", "公"), ("区消防救援大队", "消防"),
    ("区烟草专卖局", "烟草"), ("区气象局", "气象"), ("区邮政管理局", "邮政"),
    ("区生态环境分局", "环境"), ("区供电中心", "供电"),
]
DUAL_STATIONS = [("税务所", "税务"), ("消防救援站", "消防"), ("供电所", "供电")]
PLATFORMS = [
    ("区城市建设投资集团有限公司", "城投"), ("区财金投资集团有限公司", "财金"),
    ("区文旅发展集团有限公司", "文旅集团"), ("区城市更新集团有限公司", "城更"),
    ("区国有资产运营有限公司", "国资"), ("区农业发展集团有限公司", "农发"),
]

TOPICS = [
    "信用承诺专题培训", "诚信经营宣传活动", "信用修复政策宣讲会", "“双公示”数据质量提升工作调度会",
    "“信易贷”政银企对接会", "信用分级分类监管推进会", "守信激励政策解读会", "信用信息归集工作部署会",
    "合同履约专项检查", "信用体系建设业务培训", "涉企信用信息核查工作", "公共信用综合评价结果应用培训",
    "诚信文化建设座谈会", "行业信用评价工作推进会", "信用监测指标解读培训", "政务诚信建设专题学习",
]
SENTENCES = [
    "会议传达学习了上级关于社会信用体系建设的工作要求，明确了下一阶段的重点任务。",
    "参会人员围绕信用信息归集、共享和应用等方面进行了深入交流。",
    "活动通过现场讲解、发放资料、答疑解惑等形式，向群众普及信用知识。",
    "工作人员详细解读了信用修复的受理条件、办理流程和办理时限。",
    "各科室负责人结合工作实际，就做好信用监测工作提出了意见建议。",
    "会议强调，要进一步提高政治站位，把信用体系建设作为优化营商环境的重要抓手。",
    "下一步，将持续完善信用承诺和履约践诺闭环管理机制，推动信用信息应归尽归。",
    "此次活动进一步增强了市场主体的诚信意识，营造了“守信光荣、失信可耻”的良好氛围。",
    "培训结合典型案例，讲解了信用承诺不实的核查处置方式。",
    "现场设置咨询台，为企业和群众提供信用报告查询、信用修复等咨询服务。",
    "通过“信易贷”平台，辖区企业可以在线发布融资需求，提高融资效率。",
    "各单位要按照时间节点及时报送佐证材料，确保数据真实、准确、完整。",
    "围绕分级分类监管，将信用评价结果与抽查比例、检查频次挂钩。",
    "窗口工作人员在受理环节一次性告知申请人承诺内容和违诺后果。",
    "活动共吸引周边商户和居民积极参与，取得了良好的社会效果。",
    "会上通报了上月信用状况监测情况，分析了失分原因并提出了整改措施。",
    "对照监测指标逐项梳理短板弱项，建立问题清单、任务清单和责任清单。",
    "结合“放管服”改革要求，推行证明事项和涉企经营许可事项告知承诺制。",
]
LIST_ITEMS = [
    "信用承诺的适用范围和办理流程", "信用信息的归集、上传和公示要求", "承诺不实的核查处置",
    "信用修复的受理条件和办理时限", "“双公示”数据的合规性和及时性要求", "信用报告在审批中的应用",
    "守信激励措施的落实", "行业信用评价结果的应用", "异议处理的工作流程", "典型案例分析",
]
TASKS = ["制定工作方案", "组织现场活动", "整理归档材料", "报送总结材料", "开展回头看",
         "汇总统计数据", "更新信息台账"]
TABLE_ROWS = ["发放宣传资料", "现场咨询人次", "参与企业数量", "张贴宣传海报", "签订信用承诺书",
              "解答政策问题", "推送宣传信息"]
LINKS = [("信用中国", "https://www.creditchina.gov.cn"),
         ("信用中国（山东济南）", "https://credit.jinan.gov.cn"),
         ("全国信易贷平台", "https://xyd.creditchina.gov.cn")]
THEMES = ["进社区", "进企业", "进校园", "进医院", "进村居", "进机关", "进商圈", "其他"]
OCCASIONS = ["3·15消费者权益日", "诚信兴商宣传月", "6·14信用记录关爱日", "安全生产月",
             "质量月", "宪法宣传周"]
LOCATIONS = ["社区服务中心广场", "政务服务大厅", "商业街", "实验中学", "人民医院门诊楼",
             "村委会文化广场", "机关会议室", "产业园区服务中心", "农贸市场", "商圈步行街"]
PHOTO_NAMES = ["活动现场", "宣传现场", "培训现场", "会议现场", "咨询台", "宣传展板"]
ATT_NAMES = ["工作方案", "会议纪要", "签到表", "统计表", "情况说明"]
POLICY_TITLES = [
    "关于进一步加强社会信用体系建设的实施意见", "信用承诺制度实施细则",
    "关于建立完善守信联合激励机制的实施方案", "信用分级分类监管办法（试行）",
    "关于推进信用修复工作的通知", "“信易+”应用场景建设工作方案",
    "信用信息归集共享管理办法", "关于开展诚信建设专项行动的通知",
    "政务诚信建设工作方案", "行业信用评价管理办法",
]
SCENARIOS = ["信易批", "信易租", "信易游", "信易医", "信易行", "信易住", "信易购", "信易阅",
             "信易停", "信易健", "信易学", "信易餐", "信易修", "信易保", "信易通关", "信易招",
             "信易税", "信易就业", "信易贷", "信易养", "信易检", "信易电"]
INCENTIVES = ["容缺受理", "优先办理", "绿色通道", "减免押金", "降低抽查比例", "费用优惠",
              "延长服务时间", "免于现场核查"]
DOMAINS = ["汽车维修领域", "餐饮服务领域", "建筑施工领域", "物业服务领域", "旅行社领域",
           "医疗机构领域", "道路运输领域", "药品零售领域", "特种设备领域", "危险化学品领域",
           "人力资源服务领域", "养老服务领域", "校外培训领域", "房地产经纪领域", "供热领域",
           "燃气领域", "网吧领域", "娱乐场所领域", "公共场所卫生领域", "劳务派遣领域"]
LEDGER_CATS = ["社保", "纳税", "水", "电", "气", "暖", "仓储物流", "知识产权", "信用承诺",
               "履约践诺", "合同履约", "其他"]
CO_A = "鑫泰华宇润丰德信宏达博远恒昌康宁金盛永顺瑞祥嘉禾兴隆福源天成"
CO_INDUSTRY = ["商贸", "建筑劳务", "食品科技", "餐饮管理", "汽车维修服务", "信息技术", "物流",
               "大药房", "物业管理", "装饰工程", "机械设备", "文化传媒"]
INCIDENT_TITLES = ["某小区物业拖欠维修资金被媒体曝光", "某培训机构退费纠纷引发投诉",
                   "某工程项目拖欠农民工工资被曝光", "某商户虚假宣传被网络曝光"]
INCIDENT_DOMAINS = ["政务诚信", "商务诚信", "社会诚信", "司法公信"]
REASONS = ["内容与信用工作无关", "佐证材料不全，请补充现场照片", "与往期报送内容重复",
           "未体现信用工作成效", "照片不清晰，无法核实", "文件已废止，不属于现行制度文件"]
ROLES = ["综合科", "信用科", "办公室", "体系科", "政策法规科", "党政办"]

# GB 32100-2015 unified social credit code
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check(code17):
    s = sum(USCC_CHARSET.index(c) * w for c, w in zip(code17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - s % 31) % 31]


def uscc_valid(code):
    return (len(code) == 18 and all(c in USCC_CHARSET for c in code)
            and uscc_check(code[:17]) == code[17])


# 2022: 国办发明电〔2021〕11号; 2023: 国办发明电〔2022〕16号 (every day off, weekends included)
HOLIDAYS = [
    ("2022-01-01", "2022-01-03", "元旦"), ("2022-01-31", "2022-02-06", "春节"),
    ("2022-04-03", "2022-04-05", "清明节"), ("2022-04-30", "2022-05-04", "劳动节"),
    ("2022-06-03", "2022-06-05", "端午节"), ("2022-09-10", "2022-09-12", "中秋节"),
    ("2022-10-01", "2022-10-07", "国庆节"),
    ("2022-12-31", "2023-01-02", "元旦"), ("2023-01-21", "2023-01-27", "春节"),
    ("2023-04-05", "2023-04-05", "清明节"), ("2023-04-29", "2023-05-03", "劳动节"),
    ("2023-06-22", "2023-06-24", "端午节"), ("2023-09-29", "2023-10-06", "中秋节、国庆节"),
]
WORKDAYS = [
    ("2022-01-29", "春节调休"), ("2022-01-30", "春节调休"), ("2022-04-02", "清明节调休"),
    ("2022-04-24", "劳动节调休"), ("2022-05-07", "劳动节调休"), ("2022-10-08", "国庆节调休"),
    ("2022-10-09", "国庆节调休"),
    ("2023-01-28", "春节调休"), ("2023-01-29", "春节调休"), ("2023-04-23", "劳动节调休"),
    ("2023-05-06", "劳动节调休"), ("2023-06-25", "端午节调休"), ("2023-10-07", "国庆节调休"),
    ("2023-10-08", "国庆节调休"),
]

# ---------------------------------------------------------------------------
# Small helpers

import datetime as _dt


def month_days(y, m):
    nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - _dt.date(y, m, 1)).days


def add_months(y, m, k):
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


_PLAIN_BAD = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: | #|[,\[\]{}]|\s$|^(true|false|null|~|yes|no|on|off)$", re.I)


def ys(s):
    """A YAML scalar for a string: plain when that is safe, else double-quoted."""
    s = str(s)
    if s == "" or _PLAIN_BAD.search(s) or re.fullmatch(r"[-+0-9.:eE ]+", s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def flow(items):
    return "[" + ", ".join(ys(i) for i in items) + "]"


def cn_date(d):
    return f"{d.month}月{d.day}日"


class Writer:
    """Writes files, creating folders once, and counts what it wrote."""

    def __init__(self):
        self.dirs = set()
        self.files = 0
        self.bytes = 0

    def write(self, path, data):
        d = os.path.dirname(path)
        if d not in self.dirs:
            os.makedirs(d, exist_ok=True)
            self.dirs.add(d)
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        self.files += 1
        self.bytes += len(data)


# ---------------------------------------------------------------------------
# Attachment bytes

def png_bytes(rng, n):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", rng.randint(640, 4000),
                                                               rng.randint(480, 3000), 8, 2, 0, 0, 0))
    tail = chunk(b"IEND", b"")
    body = rng.randbytes(max(0, n - len(head) - len(tail) - 12))
    return head + chunk(b"IDAT", body) + tail


def jpg_bytes(rng, n):
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
    return head + rng.randbytes(max(0, n - len(head) - 2)) + b"\xff\xd9"


def pdf_bytes(rng, n):
    tail = b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    size = max(0, n - 80 - len(tail))
    head = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length " + str(size).encode()
            + b" >>\nstream\n")
    return head + rng.randbytes(size) + tail


def zip_like_bytes(rng, n, kind):
    """A minimal Office Open XML container (a zip whose first entry is
    [Content_Types].xml and whose main part is word/ or xl/), padded to about
    n bytes, so format identification (libmagic) sees a real .docx / .xlsx.
    Entries are stored with a fixed time: the same arguments give the same bytes."""
    import io
    import zipfile
    main = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Override PartName="/' + main + '" ContentType="application/xml"/></Types>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, data in (("[Content_Types].xml", types.encode()),
                           (main, b"<x>" + rng.randbytes(max(0, n - 600)).hex().encode()[:max(0, n - 600)] + b"</x>")):
            info = zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0))
            z.writestr(info, data)
    return buf.getvalue()


class TextPool:
    """Chinese prose (valid UTF-8, no PII) cut to any length."""

    def __init__(self, rng):
        parts, size = [], 0
        while size < 200_000:
            parts.append("".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6))) + "\n\n")
            size += len(parts[-1])
        self.data = "".join(parts).encode("utf-8")
        rows = [f"{i},{rng.choice(TABLE_ROWS)},{rng.randint(1, 999)},{rng.choice(TASKS)}\r\n"
                for i in range(1, 6001)]
        self.csv = ("".join(rows)).encode("utf-8")

    def take(self, rng, n):
        out = bytearray()
        while len(out) < n:
            start = rng.randrange(0, len(self.data) // 2)
            out += self.data[start:start + n - len(out)]
        return bytes(out).decode("utf-8", "ignore").encode("utf-8")


def csv_bytes(rng, n, pool):
    head = "序号,事项,数量,备注\r\n".encode("utf-8")
    body = pool.csv
    while len(body) < n:
        body += pool.csv
    cut = body.rfind(b"\n", 0, max(n - len(head), 1)) + 1
    return head + body[:cut]


BINARY_KINDS = {"png": png_bytes, "jpg": jpg_bytes, "pdf": pdf_bytes}
OFFICE_KINDS = {"docx", "xlsx", "txt", "csv"}


def write_attachments(writer, rng, pool, specs, budget_bytes):
    """Gives each attachment a share of the month's budget (80 % binary, 20 % text/office)."""
    binary = [s for s in specs if s[1] in BINARY_KINDS]
    office = [s for s in specs if s[1] in OFFICE_KINDS]
    bin_budget = budget_bytes * (0.8 if office else 1.0) if binary else 0
    off_budget = budget_bytes - bin_budget
    cap = 40 * 1024 * 1024
    for group, budget in ((binary, bin_budget), (office, off_budget)):
        if not group:
            continue
        weights = [rng.uniform(0.5, 1.5) for _ in group]
        total_w = sum(weights)
        for (path, kind), w in zip(group, weights):
            n = min(cap, max(256, int(budget * w / total_w)))
            if kind in BINARY_KINDS:
                data = BINARY_KINDS[kind](rng, n)
            elif kind in ("docx", "xlsx"):
                data = zip_like_bytes(rng, n, kind)
            elif kind == "csv":
                data = csv_bytes(rng, n, pool)
            else:
                data = pool.take(rng, n)
            writer.write(path, data)


# ---------------------------------------------------------------------------
# Site-wide files

def make_units(n, rng):
    """n units, all five types when n ≥ 5, unique names, ids u0001…"""
    pattern = ["zone", "subdistrict", "department", "dual", "platform",
               "subdistrict", "department", "department", "subdistrict", "department"]
    used_places, used_names = set(), set()

    def place():
        # Two or three syllables; past a few thousand units those run out, so
        # after many collisions in a row a direction is added, then a number.
        misses = 0
        while True:
            p = rng.choice(PLACE_A) + rng.choice(PLACE_B)
            if len(used_places) > 600:
                p += rng.choice(PLACE_C)
            if misses >= 200:
                p += rng.choice("东西南北中新")
            if misses >= 400:
                p += str(len(used_places))
            if p not in used_places:
                used_places.add(p)
                return p
            misses += 1

    pools = {"department": list(DEPARTMENTS), "dual": list(DUALS), "platform": list(PLATFORMS)}
    stations = {"department": DEPT_STATIONS, "dual": DUAL_STATIONS,
                "platform": [("城市发展有限公司", "城发"), ("产业投资有限公司", "产投")]}
    units = []
    for i in range(n):
        t = pattern[i % len(pattern)]
        while True:
            if t == "zone":
                p = place()
                name, short = p + "开发区", p
            elif t == "subdistrict":
                p = place()
                name, short = p + "街道办事处", p
            elif pools[t]:
                name, short = pools[t].pop(0)
            else:
                p = place()
                st, sshort = rng.choice(stations[t])
                name, short = p + st, p + sshort
            if name not in used_names:
                used_names.add(name)
                break
        tags = []
        if t in ("department", "dual") and rng.random() < 0.8:
            tags.append("sgs")
        units.append({"id": f"u{i + 1:04d}", "name": name, "type": t, "tags": tags, "short": short})
    return units


def site_yaml():
    return """# 压测用合成数据（bench/gen_content.py 生成），单位与数据均为虚构
title: 历城区信用状况监测月报（压测数据）
district: 历城区
slug: bench-licheng
office: 历城区社会信用体系建设工作领导小组办公室
contact: 区信用办综合科
utc_offset: "+08:00"
deadlines:
  monthly_day: 30
  news_hours: 48
  campaign_hours: 48
late_items: count
max_attachment_mb: 50
sensitive_words: [黑名单, 联合惩戒, 失信被执行人]
"""


def units_yaml(units):
    out = ["# 合成单位（虚构），类型覆盖开发区、街道办事处、区直部门、双管单位、区属平台公司", "units:"]
    for u in units:
        out.append(f"  - id: {u['id']}\n    name: {ys(u['name'])}\n    type: {u['type']}\n"
                   f"    tags: {flow(u['tags'])}")
    return "\n".join(out) + "\n"


def calendar_yaml():
    out = ["# 2022年（国办发明电〔2021〕11号）、2023年（国办发明电〔2022〕16号）法定节假日与调休",
           "holidays:"]
    for a, b, label in HOLIDAYS:
        d, e = _dt.date.fromisoformat(a), _dt.date.fromisoformat(b)
        first = True
        while d <= e:
            out.append(f"  - {d.isoformat()}" + (f"   # {label}" if first else ""))
            first = False
            d += _dt.timedelta(days=1)
    out.append("workdays:")
    for d, label in WORKDAYS:
        out.append(f"  - {d}   # {label}")
    return "\n".join(out) + "\n"


def rulebook_yaml(start, repo_rules):
    if repo_rules and os.path.isfile(repo_rules):
        with open(repo_rules, encoding="utf-8-sig") as f:
            text = f.read()
        text, n = re.subn(r"(?m)^effective:.*$", f"effective: {start}", text, count=1)
        if n == 1:
            return text
    return FALLBACK_RULEBOOK.replace("@START@", start)


FALLBACK_RULEBOOK = """# 济南市区县信用状况监测指标（第一版）（rules.md 默认表，bench/gen_content.py 内置副本）
name: 济南市区县信用状况监测指标（第一版）
effective: @START@
metrics:
  sgs_compliance_rate: {kind: rate, label: “双公示”上报数据合规率}
  sgs_timeliness_rate: {kind: rate, label: “双公示”上报数据及时率}
  sgs_third_party_rank: {kind: rank, label: “双公示”第三方评估排名}
  sgs_total: {kind: count, label: 报送“双公示”信息总量}
  xyd_registered: {kind: count, label: 全国“信易贷”平台注册企业数量}
  enterprises: {kind: count, label: 辖区注册企业数量}
  xyd_demand_amount: {kind: amount, label: “信易贷”融资需求金额（万元）}
  xyd_credit_amount: {kind: amount, label: “信易贷”授信成功金额（万元）}
  arrears_unfinished: {kind: count, label: 未完成清欠案例数}
  taxpayer_a: {kind: count, label: A级纳税人企业数量}
  customs_aeo: {kind: count, label: 海关高级认证企业数量}
  legal_entities: {kind: count, label: 辖区法人企业数量}
  village_cases: {kind: count, label: 村居失信案例数量}
  credit_checks: {kind: count, label: 信用核查和联合奖惩系统应用次数}
  market_entities: {kind: count, label: 市场主体数量}
  uscc_errors_reported: {kind: count, label: 市反馈统一社会信用代码重错码数量}
groups:
  - id: I
    name: 信用制度和基础建设
    points: 29
    indicators:
      - id: "1"
        name: 信用制度文件落实和细化情况
        rows:
          - {rule: 出台制度文件数量最多的得满分，最少的得1分，其他的按比例计分。, points: 6, measure: {count: policy, window: cumulative}, method: {type: min_max, floor: 1}}
      - id: "2"
        name: “双公示”工作开展情况
        applies_to: {tags: [sgs]}
        rows:
          - {name: 合规率, rule: 合规率最高的得满分，其他的按比例计分。, points: 4, measure: {metric: sgs_compliance_rate}, method: {type: proportional}}
          - {name: 及时率, rule: 及时率最高的得满分，其他的按比例计分。, points: 4, measure: {metric: sgs_timeliness_rate}, method: {type: proportional}}
          - {name: 第三方评估排名, rule: 排名第一至第六依次得3、2.5、2、1.5、1、0.5分。, points: 3, measure: {metric: sgs_third_party_rank}, method: {type: rank_table, table: [3, 2.5, 2, 1.5, 1, 0.5], order: given}}
      - id: "3"
        name: 信用信息归集情况
        rows:
          - {rule: 数量最多的得满分，最少的得0分，其他的按比例计分。, points: 4, measure: {sum: ledger, window: month}, method: {type: min_max, floor: 0}}
      - id: "4"
        name: “信用济南”网站“信用动态”栏目信息贡献情况
        rows:
          - {rule: 数量最多的得满分，最少的得0分，其他的按比例计分。, points: 6, measure: {count: news, window: ytd}, method: {type: min_max, floor: 0}}
      - id: "5"
        name: 统一社会信用代码重错码存续情况
        rows:
          - {rule: 每一条扣0.5分，最多扣2分。, points: 2, measure: uscc_errors, method: {type: deduction, each: 0.5}}
  - id: II
    name: 营商环境
    points: 42
    indicators:
      - id: "6"
        name: 在全国“信易贷”平台注册企业情况
        applies_to: {types: [zone, subdistrict]}
        rows:
          - {rule: 比例最高的得满分，其他的按比例计分。, points: 6, measure: {ratio: {num: xyd_registered, den: enterprises}}, method: {type: proportional}}
      - id: "7"
        name: 通过全国“信易贷”平台实现的“信易贷”规模
        applies_to: {types: [zone, subdistrict]}
        rows:
          - {name: 融资需求金额, rule: 第一名得满分，其他的按比例计分。, points: 4, measure: {metric: xyd_demand_amount}, method: {type: proportional}}
          - {name: 授信成功金额, rule: 第一名得满分，其他的按比例计分。, points: 5, measure: {metric: xyd_credit_amount}, method: {type: proportional}}
          - {name: 授信成功金额环比增速, rule: 排名第一的得满分，其他的按比例计分。, points: 3, measure: {growth: xyd_credit_amount}, method: {type: rank_linear}}
      - id: "8"
        name: 其他“信易+”拓展领域及成效
        rows:
          - {rule: 每拓展1个“信易+”应用场景得0.5分，最多得10分。, points: 10, measure: {count: scenario, window: cumulative}, method: {type: per_item, each: 0.5}}
      - id: "9"
        name: 政府部门和国有企业清欠情况
        rows:
          - {rule: 全部完成清欠得满分，有一例未完成扣1分，最多扣2分。, points: 2, measure: {metric: arrears_unfinished}, missing: zero, method: {type: deduction, each: 1}}
      - id: "10"
        name: 企业守信情况
        applies_to: {types: [zone, subdistrict]}
        rows:
          - {rule: 比例最高的得满分，其他的按比例计分。, points: 2, measure: {ratio: {num: [taxpayer_a, customs_aeo], den: legal_entities}}, method: {type: proportional}}
      - id: "11"
        name: 村居失信治理情况
        applies_to: {types: [subdistrict]}
        rows:
          - {rule: 比例最低的得满分，最高的得0分，其他的按比例计分。, points: 2, measure: {share: village_cases}, method: {type: inverse_min_max, floor: 0}}
      - id: "12"
        name: 诚信宣传活动开展情况
        rows:
          - {rule: 开展次数最多的得满分，其他的按比例计分。, points: 8, measure: {count: campaign, window: ytd}, method: {type: proportional}}
  - id: III
    name: 信用监管
    points: 17
    indicators:
      - id: "13"
        name: 信用分级分类监管覆盖领域
        rows:
          - {rule: 每开展1个领域得0.5分，最多得10分。, points: 10, measure: {count: supervision, window: cumulative}, method: {type: per_item, each: 0.5}}
      - id: "14"
        name: 信用核查和联合奖惩系统应用情况
        applies_to: {tags: [sgs]}
        rows:
          - {rule: 比例最高的得满分，其他的按比例计分。, points: 3, measure: {ratio: {num: credit_checks, den: market_entities}}, method: {type: proportional}}
      - id: "15"
        name: 严重失信事件出现情况
        rows:
          - {rule: 未主动处理的失信事件出现一例扣2分，最多扣4分。, points: 4, measure: {incidents: unhandled}, method: {type: deduction, each: 2}}
  - id: IV
    name: 权益保护
    points: 12
    indicators:
      - id: "16"
        name: 异议处理情况
        applies_to: {tags: [sgs]}
        rows:
          - {name: 有效异议占比, rule: 比例最低的得满分，其他的按比例计分。, points: 6, measure: {ratio: {num: {count: objection}, den: sgs_total}}, method: {type: lower_better_ratio}}
          - {name: 异议协同处理效率, rule: 1个工作日内完成得满分，2个工作日内得3分，未出现异议得满分。, points: 6, measure: {objections: worst_days}, method: {type: tiers, tiers: [{max: 1, points: 6}, {max: 2, points: 3}], none: 6}}
penalty: {points: 20, months: 3}
"""

# ---------------------------------------------------------------------------
# One unit's month


class UnitState:
    """What a unit has already listed (keys must stay distinct across months)."""

    def __init__(self):
        self.policy_no = 0
        self.scenarios = []
        self.domains = []
        self.credit = None


def body_markdown(rng, unit, d, topic, images, links_ok=True):
    paras = [f"{cn_date(d)}，{unit['name']}组织开展{topic}，共{rng.randint(12, 300)}人参加。"]
    paras.append("".join(rng.sample(SENTENCES, rng.randint(2, 4))))
    style = rng.randrange(4)
    if style in (0, 3):
        paras.append("主要内容包括：\n\n" + "\n".join(
            f"{i + 1}. {t}；" for i, t in enumerate(rng.sample(LIST_ITEMS, rng.randint(2, 5)))))
    if style in (1, 3):
        rows = rng.sample(TABLE_ROWS, rng.randint(2, 4))
        paras.append("| 事项 | 数量 | 备注 |\n| --- | ---: | --- |\n" + "\n".join(
            f"| {r} | {rng.randint(5, 2000)} | {rng.choice(['已完成', '持续开展', '已归档'])} |" for r in rows))
    if style in (2, 3):
        tasks = rng.sample(TASKS, rng.randint(2, 4))
        paras.append("工作进度：\n\n" + "\n".join(
            f"- [{'x' if i < len(tasks) - 1 or rng.random() < 0.5 else ' '}] {t}" for i, t in enumerate(tasks)))
    if rng.random() < 0.3:
        paras.append(f"~~原定于{cn_date(d)}上午举行~~，调整为下午举行。")
    paras.append("".join(rng.sample(SENTENCES, rng.randint(1, 3))))
    if links_ok:
        name, url = rng.choice(LINKS)
        paras.append(f"相关政策详见[{name}]({url})，也可访问 <{url}> 查询。")
    for alt, path in images:
        paras.append(f"![{alt}]({path})")
    return "\n\n".join(paras) + "\n"


def gen_unit_month(ctx, unit, state, y, m, k, out_dir, specs, decisions):
    """Writes one unit's folder for month y-m; returns the number of Markdown items."""
    rng = ctx["rng"]
    w = ctx["writer"]
    ym = f"{y:04d}-{m:02d}"
    ndays = month_days(y, m)
    udir = os.path.join(out_dir, unit["id"])
    uid = unit["id"]

    def decide(key):
        r = rng.random()
        if r < 0.08:
            decisions.append(f"  {key}: {{status: rejected, reason: {ys(rng.choice(REASONS))}}}")
        else:
            decisions.append(f"  {key}: accepted")

    def att(name, kind):
        rel = f"files/{name}.{kind}"
        specs.append((os.path.join(udir, rel), kind))
        return rel

    n_camp = (k + 2) // 4
    n_news = k - n_camp
    # news
    for i in range(n_news):
        d = _dt.date(y, m, rng.randint(1, ndays))
        slug = f"{d.isoformat()}-n{i + 1:03d}"
        topic = rng.choice(TOPICS)
        late = rng.random() < 0.05
        sub = _dt.datetime(d.year, d.month, d.day, rng.randint(9, 17), rng.choice([0, 15, 30, 45]))
        sub += _dt.timedelta(hours=rng.randint(60, 120) if late else rng.randint(0, 30))
        fm = [f"title: {ys(unit['short'] + topic)}", f"date: {d.isoformat()}",
              f"submitted: {sub.strftime('%Y-%m-%d %H:%M')}", f"author: {unit['short']}{rng.choice(ROLES)}",
              f"tags: {flow(rng.sample(['信用承诺', '培训', '宣传', '信易贷', '双公示', '信用修复', '监管'], 2))}"]
        images, atts = [], []
        if rng.random() < 0.35:
            for j in range(rng.randint(1, 2)):
                kind = rng.choice(["jpg", "png", "pdf", "docx", "txt", "csv"])
                rel = att(f"{rng.choice(ATT_NAMES if kind not in ('jpg', 'png') else PHOTO_NAMES)}-n{i + 1:03d}-{j + 1}", kind)
                atts.append(rel)
                if kind in ("jpg", "png"):
                    images.append(("现场照片", rel))
            fm.append(f"attachments: {flow(atts)}")
        text = "---\n" + "\n".join(fm) + "\n---\n" + body_markdown(rng, unit, d, topic, images)
        w.write(os.path.join(udir, "news", slug + ".md"), text)
        decide(f"{uid}/news/{slug}.md")
    # campaigns
    for i in range(n_camp):
        end = _dt.date(y, m, rng.randint(1, ndays))
        start = max(_dt.date(y, m, 1), end - _dt.timedelta(days=rng.choice([0, 0, 0, 1, 2])))
        slug = f"{end.isoformat()}-c{i + 1:03d}"
        theme = rng.choice(THEMES)
        late = rng.random() < 0.05
        sub = _dt.datetime(end.year, end.month, end.day, 17, 0) + _dt.timedelta(
            hours=rng.randint(60, 100) if late else rng.randint(1, 40))
        photos = [att(f"{rng.choice(PHOTO_NAMES)}-c{i + 1:03d}-{j + 1}", rng.choice(["jpg", "png"]))
                  for j in range(rng.randint(1, 3))]
        fm = [f"title: {ys('诚信宣传' + theme + '活动' if theme != '其他' else '诚信主题宣传活动')}",
              f"start: {start.isoformat()}", f"end: {end.isoformat()}",
              f"submitted: {sub.strftime('%Y-%m-%d %H:%M')}",
              f"location: {ys(unit['short'] + rng.choice(LOCATIONS))}", f"theme: {theme}"]
        if rng.random() < 0.4:
            fm.append(f"occasion: {ys(rng.choice(OCCASIONS))}")
        fm.append(f"participants: {rng.randint(20, 500)}")
        fm.append(f"photos: {flow(photos)}")
        if rng.random() < 0.95:
            fm.append(f"plan: {att(f'活动方案-c{i + 1:03d}', rng.choice(['pdf', 'pdf', 'docx']))}")
        text = "---\n" + "\n".join(fm) + "\n---\n" + body_markdown(
            rng, unit, end, "诚信宣传活动", [("活动现场", p) for p in photos[:1]])
        w.write(os.path.join(udir, "campaigns", slug + ".md"), text)
        decide(f"{uid}/campaigns/{slug}.md")
    # policies
    if rng.random() < 0.3:
        out = ["policies:"]
        for _ in range(rng.randint(1, 2)):
            state.policy_no += 1
            doc_no = f"历城{unit['short']}发〔{y}〕{state.policy_no}号"
            issued = _dt.date(y, m, 1) - _dt.timedelta(days=rng.randint(0, 200))
            out += [f"  - doc_no: {ys(doc_no)}", f"    title: {ys(rng.choice(POLICY_TITLES))}",
                    f"    issued: {issued.isoformat()}", f"    issuer: {ys(unit['name'])}",
                    f"    status: {'repealed' if rng.random() < 0.05 else 'in_force'}"]
            r = rng.random()
            if r < 0.2:
                out.append(f"    url: http://www.licheng.gov.cn/art/{y}/{m}/{rng.randint(1, 28)}/art_{rng.randint(10000, 99999)}.html")
            else:
                out.append(f"    file: {att(f'制度文件-{state.policy_no}', 'pdf' if r < 0.85 else 'docx')}")
            decide(f"{uid}/policies.yaml#{doc_no}")
        w.write(os.path.join(udir, "policies.yaml"), "\n".join(out) + "\n")
    # scenarios
    left = [s for s in SCENARIOS if s not in state.scenarios]
    if left and rng.random() < 0.15:
        name = rng.choice(left)
        state.scenarios.append(name)
        out = ["scenarios:", f"  - name: {name}", f"    plan: {ys('关于对守信主体实行“' + name + '”激励措施的实施方案')}",
               f"    incentives: {ys('、'.join(rng.sample(INCENTIVES, 3)))}"]
        if rng.random() < 0.7:
            out.append(f"    file: {att(name + '实施方案', 'pdf')}")
        w.write(os.path.join(udir, "scenarios.yaml"), "\n".join(out) + "\n")
        decide(f"{uid}/scenarios.yaml#{name}")
    # supervision
    left = [s for s in DOMAINS if s not in state.domains]
    if left and unit["type"] in ("department", "dual") and rng.random() < 0.2:
        dom = rng.choice(left)
        state.domains.append(dom)
        d = _dt.date(y, m, rng.randint(1, ndays))
        out = ["supervision:", f"  - domain: {dom}", f"    industry: {rng.randint(1, 20)}",
               f"    regulator: {ys(unit['name'])}", f"    document: {ys(dom[:-2] + '信用分级分类监管办法')}"]
        if rng.random() < 0.5:
            out.append(f"    link: http://www.licheng.gov.cn/art/{y}/{m}/{d.day}/art_{rng.randint(10000, 99999)}.html")
        else:
            out.append(f"    summary: {ys('按信用等级实施差异化监管，A类主体降低抽查比例，D类主体重点监管。')}")
        out.append(f"    cases: [{ys(f'{y}年{m}月{d.day}日，对辖区' + dom[:-2] + '经营主体依法依规采取了分级分类监管措施，产生了良好效果。')}]")
        w.write(os.path.join(udir, "supervision.yaml"), "\n".join(out) + "\n")
        decide(f"{uid}/supervision.yaml#{dom}")
    # ledger (+ records)
    if rng.random() < 0.5:
        out = ["ledger:"]
        names = {}
        for ci, cat in enumerate(rng.sample(LEDGER_CATS, rng.randint(1, 3))):
            out.append(f"  - category: {cat}")
            if rng.random() < 0.6:
                rows = []
                for _ in range(rng.randint(5, 40)):
                    co = f"济南{rng.choice(CO_A)}{rng.choice(CO_A)}{rng.choice(CO_INDUSTRY)}有限公司"
                    if co not in names:
                        while True:
                            body = f"9{rng.choice('123')}370112MA" + "".join(rng.choice(USCC_CHARSET) for _ in range(7))
                            code = body + uscc_check(body)
                            if code not in ctx["codes"]:
                                ctx["codes"].add(code)
                                break
                        names[co] = code
                    rows.append(f"{co},{names[co]},{cat}信息,{ym}-{rng.randint(1, ndays):02d}")
                w.write(os.path.join(udir, "records", f"{cat}.csv"),
                        "主体名称,统一社会信用代码,信息类别,报送日期\n" + "\n".join(rows) + "\n")
                out += [f"    count: {len(rows)}", f"    records: records/{cat}.csv"]
            else:
                out.append(f"    count: {rng.randint(0, 500)}")
            out.append(f"    file: {att(cat + '信息台账', 'xlsx')}")
            decide(f"{uid}/ledger.yaml#{cat}")
        w.write(os.path.join(udir, "ledger.yaml"), "\n".join(out) + "\n")
    # incidents (facts, no review)
    if rng.random() < 0.04:
        d = _dt.date(y, m, rng.randint(1, ndays))
        h = rng.choices(["proactive", "late", "after_report", "ordered"], [6, 2, 1, 1])[0]
        w.write(os.path.join(udir, "incidents.yaml"),
                f"incidents:\n  - id: {ym}-01\n    date: {d.isoformat()}\n    title: {ys(rng.choice(INCIDENT_TITLES))}\n"
                f"    domain: {rng.choice(INCIDENT_DOMAINS)}\n    handling: {h}\n")
    # objections (facts, no review)
    if "sgs" in unit["tags"] and rng.random() < 0.25:
        out = ["objections:"]
        for j in range(rng.randint(1, 2)):
            d = _dt.datetime(y, m, rng.randint(1, ndays), rng.randint(8, 16), rng.choice([0, 20, 40]))
            done = d + _dt.timedelta(hours=rng.choice([2, 5, 24, 26, 50, 75]))
            out += [f"  - id: YY-{y}-{m:02d}{d.day:02d}-{j + 1:02d}", f"    received: {d.strftime('%Y-%m-%d %H:%M')}",
                    f"    completed: {done.strftime('%Y-%m-%d %H:%M')}",
                    f"    valid: {'true' if rng.random() < 0.8 else 'false'}"]
        w.write(os.path.join(udir, "objections.yaml"), "\n".join(out) + "\n")
    return n_news + n_camp


def figures(rng, unit, state, idx_sgs_rank):
    f = {}
    t = unit["type"]
    if "sgs" in unit["tags"]:
        f["sgs_compliance_rate"] = round(rng.uniform(0.95, 1.0), 3)
        f["sgs_timeliness_rate"] = round(rng.uniform(0.93, 1.0), 3)
        f["sgs_third_party_rank"] = idx_sgs_rank
        f["sgs_total"] = rng.randint(100, 5000)
        f["credit_checks"] = rng.randint(10, 3000)
        f["market_entities"] = 18600
    if t in ("zone", "subdistrict"):
        ent = rng.randint(1000, 5000)
        f["xyd_registered"] = rng.randint(50, ent // 20)
        f["enterprises"] = ent
        f["xyd_demand_amount"] = rng.randint(500, 6000)
        prev = state.credit or rng.randint(300, 4000)
        state.credit = max(0, int(prev * rng.uniform(0.85, 1.2)))
        f["xyd_credit_amount"] = state.credit
        f["taxpayer_a"] = rng.randint(50, 300)
        f["customs_aeo"] = rng.randint(0, 6)
        f["legal_entities"] = int(ent * 0.8)
    if t == "subdistrict":
        f["village_cases"] = rng.randint(0, 4)
    f["arrears_unfinished"] = rng.choices([0, 1, 2], [8, 1, 1])[0]
    f["uscc_errors_reported"] = rng.choices([0, 1, 3], [8, 1, 1])[0]
    return f


def gen_month(ctx, units, states, y, m, k, budget_bytes, last, out):
    ym = f"{y:04d}-{m:02d}"
    mdir = os.path.join(out, ym)
    rng = random.Random(f"{ctx['seed']}/month/{ym}")
    ctx["rng"] = rng
    specs, decisions, platform = [], [], []
    items = 0
    sgs_units = [u for u in units if "sgs" in u["tags"]]
    ranks = list(range(1, len(sgs_units) + 1))
    rng.shuffle(ranks)
    rank_of = {u["id"]: r for u, r in zip(sgs_units, ranks)}
    for u in units:
        items += gen_unit_month(ctx, u, states[u["id"]], y, m, k, mdir, specs, decisions)
        f = figures(rng, u, states[u["id"]], rank_of.get(u["id"], 1))
        if int(u["id"][1:]) % 7 == 0:  # some units report this figure themselves
            v = f.pop("uscc_errors_reported")
            ctx["writer"].write(os.path.join(mdir, u["id"], "metrics.yaml"),
                                f"# {u['name']}自报\nuscc_errors_reported: {v}\n")
        platform.append(f"{u['id']}: {{" + ", ".join(f"{a}: {b}" for a, b in f.items()) + "}")
    ctx["writer"].write(os.path.join(mdir, "platform.yaml"),
                        f"# 市信用平台、全国信易贷平台济南运营中心、第三方评估机构提供的{m}月数据\n" + "\n".join(platform) + "\n")
    ny, nm = add_months(y, m, 1)
    head = ["reviewer: 区信用办"]
    if not last:
        head.append(f"published: {ny:04d}-{nm:02d}-{rng.randint(5, 9):02d}")
    head += ["default: pending", "decisions:"]
    ctx["writer"].write(os.path.join(mdir, "review.yaml"), "\n".join(head + decisions) + "\n")
    write_attachments(ctx["writer"], random.Random(f"{ctx['seed']}/files/{ym}"), ctx["pool"], specs, budget_bytes)
    return items


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate a synthetic creditgen content tree.")
    ap.add_argument("--out", required=True, help="content folder to write (created; must be empty)")
    ap.add_argument("--units", type=int, default=20)
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--items-per-unit-month", type=int, default=5, help="news + campaign items per unit and month")
    ap.add_argument("--attachments-mb", type=float, default=5.0, help="attachment MiB per month (about)")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--start", default="2022-01", help="first month YYYY-MM")
    ap.add_argument("--rules", default=None, help="rulebook to copy (default: the repo's content/rules/2022-01.yaml)")
    ap.add_argument("--force", action="store_true", help="replace --out if it is an earlier generated tree")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", a.start):
        ap.error("--start must be YYYY-MM")
    if a.units < 1 or a.months < 1 or a.items_per_unit_month < 0 or a.attachments_mb < 0:
        ap.error("sizes must be positive")
    t0 = time.monotonic()
    out = a.out
    if os.path.exists(out) and os.listdir(out):
        if a.force and os.path.isfile(os.path.join(out, "site.yaml")):
            shutil.rmtree(out)
        else:
            ap.error(f"{out} exists and is not empty (use --force to replace a generated tree)")
    rules = a.rules or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                    "content", "rules", "2022-01.yaml")
    w = Writer()
    base_rng = random.Random(f"{a.seed}/units")
    units = make_units(a.units, base_rng)
    w.write(os.path.join(out, "site.yaml"), site_yaml())
    w.write(os.path.join(out, "units.yaml"), units_yaml(units))
    w.write(os.path.join(out, "calendar.yaml"), calendar_yaml())
    w.write(os.path.join(out, "rules", f"{a.start}.yaml"), rulebook_yaml(a.start, rules))
    ctx = {"seed": a.seed, "writer": w, "codes": set(),
           "pool": TextPool(random.Random(f"{a.seed}/text"))}
    states = {u["id"]: UnitState() for u in units}
    y, m = int(a.start[:4]), int(a.start[5:])
    items = 0
    budget = int(a.attachments_mb * 1024 * 1024)
    for i in range(a.months):
        yy, mm = add_months(y, m, i)
        items += gen_month(ctx, units, states, yy, mm, a.items_per_unit_month, budget, i == a.months - 1, out)
    if not a.quiet:
        print(f"gen_content: {items} items, {a.units} units, {a.months} months, {w.files} files, "
              f"{w.bytes / 1048576:.1f} MiB in {time.monotonic() - t0:.1f} s -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
