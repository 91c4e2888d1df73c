"""The registry a fresh reference platform starts with: made-up Jilin institutions, clearly marked 虚构.

Driving schools across the province's cities and prefectures with the classes
they may train (those with A2 or B2 may give freight-qualification training),
a suspended and a revoked one; continuing-education institutions filed at
each level, offline and online, and one without a filing. JLDT0001 and
JLCE0001 are exactly the two institutions the tests' factories enter records
against, so records they make are accepted.
"""

from __future__ import annotations

from typing import Any

# (code, city, district/street, name stem, classes, status, head, scale)
_SCHOOLS = (
    ("JLDT0002", "长春市", "朝阳区试验路18号", "长春市北辰驾驶员培训有限公司", ["A2", "B2", "C1", "C2"], "active", "刘示例", "教练车 120 辆"),
    ("JLDT0003", "长春市", "绿园区示范街6号", "长春市顺途机动车驾驶员培训学校", ["B2", "C1", "C2"], "active", "陈示例", "教练车 80 辆"),
    ("JLDT0004", "长春市", "宽城区演示大街99号", "长春市宽城安行驾校", ["C1", "C2"], "active", "赵示例", "教练车 60 辆"),
    ("JLDT0005", "长春市", "双阳区样板路3号", "长春市双阳重型车辆驾驶培训中心", ["A2", "B2"], "active", "孙示例", "教练车 45 辆"),
    ("JLDT0006", "吉林市", "船营区模拟路21号", "吉林市江城驾驶员培训学校", ["A1", "A2", "B2", "C1"], "active", "周示例", "教练车 110 辆"),
    ("JLDT0007", "吉林市", "丰满区假定街8号", "吉林市松花湖机动车驾驶培训有限公司", ["B2", "C1", "C2", "D", "E"], "active", "吴示例", "教练车 70 辆"),
    ("JLDT0008", "四平市", "铁西区示例大路15号", "四平市英城驾驶员培训学校", ["A2", "B2", "C1"], "active", "郑示例", "教练车 65 辆"),
    ("JLDT0009", "四平市", "铁东区演练路2号", "四平市东丰路机动车驾校", ["C1", "C2"], "suspended", "冯示例", "教练车 30 辆"),
    ("JLDT0010", "辽源市", "龙山区样例街11号", "辽源市鹿乡驾驶员培训有限公司", ["B2", "C1"], "active", "褚示例", "教练车 40 辆"),
    ("JLDT0011", "通化市", "东昌区示范路7号", "通化市葡萄城驾驶员培训学校", ["A2", "B2", "C1"], "active", "卫示例", "教练车 55 辆"),
    ("JLDT0012", "白山市", "浑江区试用街5号", "白山市长白驾驶培训中心", ["B2", "C1", "C2"], "active", "蒋示例", "教练车 35 辆"),
    ("JLDT0013", "松原市", "宁江区演示路30号", "松原市查干湖机动车驾驶员培训学校", ["A2", "B2", "C1"], "revoked", "沈示例", "教练车 50 辆"),
    ("JLDT0014", "白城市", "洮北区示例路12号", "白城市鹤乡驾驶员培训有限公司", ["B2", "C1"], "active", "韩示例", "教练车 38 辆"),
    ("JLDT0015", "延边朝鲜族自治州延吉市", "示例路88号", "延吉市海兰江驾驶员培训学校", ["A2", "B2", "C1", "C2"], "active", "金示例", "教练车 75 辆"),
    ("JLDT0016", "延边朝鲜族自治州珲春市", "样板街4号", "珲春市图们江机动车驾驶培训中心", ["C1", "C2", "E"], "active", "朴示例", "教练车 28 辆"),
    ("JLDT0017", "梅河口市", "演示大街16号", "梅河口市通达驾驶员培训学校", ["A2", "B2", "C1"], "active", "杨示例", "教练车 42 辆"),
    ("JLDT0018", "公主岭市", "示范路9号", "公主岭市黑土地驾驶员培训有限公司", ["B2", "C1", "C2"], "active", "朱示例", "教练车 33 辆"),
    ("JLDT0019", "长春市", "九台区模拟街1号", "长春市九台货运驾驶员培训学校", ["A2", "B2", "C1", "C6"], "active", "秦示例", "教练车 58 辆"),
    ("JLDT0020", "吉林市", "昌邑区试验大路27号", "吉林市北山驾驶员培训学校", ["C1", "C2", "C5"], "active", "许示例", "教练车 25 辆"),
)

# (code, city, address, name stem, status, filing or None, head)
_CE_INSTITUTIONS = (
    ("JLCE0002", "长春市", "南关区示例路40号", "长春市道路运输从业人员继续教育中心", "active",
     {"level": "city", "mode": "offline", "filing_no": "长CE备2025-003", "filed_on": "2025-11-20"}, "何示例"),
    ("JLCE0003", "吉林省", "长春市净月区样板路100号", "吉林省道路运输网络继续教育平台", "active",
     {"level": "provincial", "mode": "online", "filing_no": "吉网CE备2025-001", "filed_on": "2025-09-01"}, "吕示例"),
    ("JLCE0004", "四平市", "铁西区演示路19号", "四平市运输从业人员培训学校", "active",
     {"level": "city", "mode": "offline", "filing_no": "四CE备2025-002", "filed_on": "2025-10-15"}, "施示例"),
    ("JLCE0005", "延边朝鲜族自治州延吉市", "示范街23号", "延边州驾驶员继续教育培训中心", "active",
     {"level": "city", "mode": "offline", "filing_no": "延CE备2025-004", "filed_on": "2025-12-02"}, "崔示例"),
    ("JLCE0006", "通化市", "二道江区样例路6号", "通化市二道江运输继续教育站", "active",
     {"level": "county", "mode": "offline", "filing_no": "通二CE备2025-001", "filed_on": "2025-08-18"}, "张示例"),
    ("JLCE0007", "北京市", "示例区演练路1号", "全国道路运输驾驶员网络继续教育平台（示例）", "active",
     {"level": "ministry", "mode": "online", "filing_no": "部网CE备2024-012", "filed_on": "2024-06-30"}, "孔示例"),
    ("JLCE0008", "白城市", "洮北区试用路14号", "白城市运输从业人员学习中心", "active", None, "曹示例"),
    ("JLCE0009", "松原市", "宁江区示范路5号", "松原市道路运输继续教育学校", "suspended",
     {"level": "city", "mode": "offline", "filing_no": "松CE备2024-002", "filed_on": "2024-03-11"}, "严示例"),
)

# The tests' factories (tests/factories.py) enter records against these two exactly.
_FACTORY_INSTITUTIONS: tuple[dict[str, Any], ...] = (
    {
        "code": "JLDT0001",
        "name": "长春市示例驾驶员培训学校（虚构）",
        "kind": "driver_training",
        "status": "active",
        "vehicle_classes": ["A2", "B2", "C1"],
        "head": "王示例",
        "address": "吉林省长春市示例区示例路1号",
        "phone": "0431-80000001",
        "supervision_phone": "0431-80000002",
        "updated_at": "2026-01-05T09:00:00+08:00",
    },
    {
        "code": "JLCE0001",
        "name": "吉林市示例继续教育培训中心（虚构）",
        "kind": "continuing_education",
        "status": "active",
        "filing": {"level": "city", "mode": "offline", "filing_no": "吉CE备2026-001", "filed_on": "2026-01-10"},
        "updated_at": "2026-01-10T09:00:00+08:00",
    },
)


def _phone(n: int) -> str:
    return f"0431-8{n:07d}"


def seed_institutions() -> list[dict[str, Any]]:
    """About 30 institutions, each as the contract's Institution object; updated_at spread over early 2026."""
    seeded = [dict(i) for i in _FACTORY_INSTITUTIONS]
    for n, (code, city, street, stem, classes, status, head, scale) in enumerate(_SCHOOLS, start=1):
        seeded.append({
            "code": code,
            "name": f"{stem}（虚构）",
            "kind": "driver_training",
            "status": status,
            "vehicle_classes": classes,
            "head": head,
            "address": f"吉林省{city}{street}",
            "training_scale": scale,
            "enrollment_method": "到校报名或电话预约",
            "phone": _phone(100 + n * 2),
            "supervision_phone": _phone(101 + n * 2),
            "updated_at": f"2026-01-{(n % 27) + 1:02d}T10:{n:02d}:00+08:00",
        })
    for n, (code, city, street, stem, status, filing, head) in enumerate(_CE_INSTITUTIONS, start=1):
        entry: dict[str, Any] = {
            "code": code,
            "name": f"{stem}（虚构）",
            "kind": "continuing_education",
            "status": status,
            "head": head,
            "address": city + street if city.startswith(("北京", "吉林省")) else f"吉林省{city}{street}",
            "enrollment_method": "网上报名" if filing and filing["mode"] == "online" else "到校报名",
            "phone": _phone(500 + n * 2),
            "supervision_phone": _phone(501 + n * 2),
            "filing": filing,
            "updated_at": f"2026-02-{n + 1:02d}T14:00:00+08:00",
        }
        seeded.append(entry)
    return seeded
