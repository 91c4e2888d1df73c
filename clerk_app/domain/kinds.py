"""The vocabulary of the platform contract: record kinds, the enums, and how long each text may be.

Values are the contract's (platform-api.yaml); labels are the words clerks
know from the notice (吉交运〔2020〕294号) and the driving-licence rules.
"""

from __future__ import annotations

RECORD_KINDS = ("training_completion", "ce_hours", "qualification_application", "transition_case")

KIND_LABELS_ZH = {
    "training_completion": "培训结业信息",
    "ce_hours": "继续教育学时",
    "qualification_application": "从业资格证申领",
    "transition_case": "过渡衔接登记",
}

# 准驾车型, in the order they are printed on a driving licence.
LICENCE_CLASSES: dict[str, str] = {
    "A1": "大型客车",
    "A2": "重型牵引挂车",
    "A3": "城市公交车",
    "B1": "中型客车",
    "B2": "大型货车",
    "C1": "小型汽车",
    "C2": "小型自动挡汽车",
    "C3": "低速载货汽车",
    "C4": "三轮汽车",
    "C5": "残疾人专用小型自动挡载客汽车",
    "C6": "轻型牵引挂车",
    "D": "普通三轮摩托车",
    "E": "普通二轮摩托车",
    "F": "轻便摩托车",
    "M": "轮式专用机械车",
    "N": "无轨电车",
    "P": "有轨电车",
}

# Only institutions licensed for these classes may give freight-qualification training.
FREIGHT_TRAINING_CLASSES = ("A2", "B2")

TRAINING_SCOPES = {
    "full": "一次报名、一次培训、一次考核（驾驶证与从业资格一并培训）",
    "qualification_only": "已有驾驶证，仅培训从业资格",
}

CE_CATEGORIES = {"passenger": "客运", "freight": "货运"}
# The qualification's full name, as every paper prints it (从业资格类别): one name, never 货运 on one paper and
# 货运驾驶员 on another. Screens keep the short CE_CATEGORIES.
QUALIFICATION_NAMES = {"passenger": "经营性道路旅客运输驾驶员", "freight": "经营性道路货物运输驾驶员"}

SESSION_MODES = {"offline": "面授", "online": "网络"}

REQUEST_KINDS = {"first_issue": "初次申领", "reissue": "补发", "renewal": "换证"}
DEFAULT_REQUEST_KIND = "first_issue"

SITUATIONS = {
    "passed_not_collected": "考试合格未领证",
    "registered_not_examined": "已报名未参加考试",
    "examined_failed": "参加考试未合格",
}

# What a transition case's event_date is, by situation: (Chinese, English).
EVENT_DATE_LABELS = {
    "passed_not_collected": ("考试日期", "exam date"),
    "registered_not_examined": ("报名日期", "registration date"),
    "examined_failed": ("考试日期", "exam date"),
}

INSTITUTION_KINDS = {"driver_training": "驾培机构", "continuing_education": "继续教育培训机构"}
INSTITUTION_KINDS_EN = {
    "driver_training": "driver-training institution",
    "continuing_education": "continuing-education institution",
}

INSTITUTION_STATUSES = {"active": "正常", "suspended": "暂停", "revoked": "撤销"}

FILING_LEVELS = {"county": "县级", "city": "市级", "provincial": "省级", "ministry": "部级"}

FILING_MODES = {"offline": "线下", "online": "网络"}

# Longest text accepted, in characters after normalisation. The contract fixes
# most; where it is silent the limit is ours, chosen to hold any real value
# with room to spare while keeping a pasted page out of a field:
#   institution_code 32 (as the registry's own code), head 50 (a name),
#   address / training_scale 200, enrollment_method 500 (a few sentences),
#   phone / supervision_phone 50 (landlines with area code and extension,
#   or two numbers), filing_no 64.
RECORD_LIMITS = {
    "name": 50,
    "institution_code": 32,
    "certificate_no": 40,
    "qualification_cert_no": 40,
    "licence_no": 40,
    "completion_certificate_no": 40,
    "previous_certificate_no": 40,
    "course": 100,
    "note": 500,
    "void_reason": 200,
    "change_reason": 200,
}

INSTITUTION_LIMITS = {
    "code": 32,
    "name": 100,
    "head": 50,
    "address": 200,
    "training_scale": 200,
    "enrollment_method": 500,
    "phone": 50,
    "supervision_phone": 50,
    "filing_no": 64,
}
