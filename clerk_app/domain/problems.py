"""What went wrong with an entry, said once in plain Chinese and once in English.

Every refusal or warning anywhere in the program is a ``Problem`` built by
``problem()`` from the one catalogue below, so a code always reads the same on
screen, in the command line's JSON and on the end-of-day report. Each message
says what is wrong and how to put it right; none repeats a full ID number or
phone number (values shown back to the clerk are masked and shortened).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from clerk_app.domain.masking import mask_personal_data


@dataclass(frozen=True)
class Problem:
    field: str | None
    code: str
    message_zh: str
    message_en: str
    # The earlier record a near-duplicate warning is about (its record_id), so a window can open it;
    # not part of what the problem says, so two warnings saying the same thing are still one.
    about: str | None = dataclass_field(default=None, compare=False)

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def as_dict(self, lang: str = "zh") -> dict[str, str | None]:
        return {"field": self.field, "code": self.code, "message": self.message(lang)}


# Keys are codes, or "code.variant" where one code needs differently worded
# messages (the machine code stays the same, the advice differs).
MESSAGES: dict[str, tuple[str, str]] = {
    # -- the shape of what was handed in ------------------------------------------
    "malformed_json": (
        "内容不是有效的 JSON（第 {line} 行第 {column} 列附近出错）。请检查该处的括号、引号和逗号后重试。",
        "The content is not valid JSON (error near line {line}, column {column}). Check the brackets, quotes and commas there and try again.",
    ),
    "json_too_deep": (
        "内容嵌套超过 {limit} 层，不予接受。录入内容只需要几层，请检查生成它的程序。",
        "The content is nested more than {limit} levels deep and is refused. Entries need only a few levels; check the program that made it.",
    ),
    "json_number_too_long": (
        "内容中有超过 {limit} 位的数字（或 NaN、Infinity），不予接受。证件号、电话等号码请写成带引号的文字。",
        "The content holds a number longer than {limit} digits (or NaN/Infinity) and is refused. Write ID and phone numbers as quoted text.",
    ),
    "text_lone_surrogate": (
        "内容中有无效的字符（孤立的 UTF-16 代理项，如 \\ud800），不予接受。请检查生成它的程序或重新输入。",
        "The content holds an invalid character (a lone UTF-16 surrogate such as \\ud800) and is refused. Check the program that made it, or type it again.",
    ),
    "argument_not_utf8": (
        "命令行参数第 {position} 个不是有效的 UTF-8 文字，不予接受。请检查终端或脚本的字符编码（应为 UTF-8）。",
        "Command-line argument {position} is not valid UTF-8 text and is refused. Check the character encoding of the terminal or script (it must be UTF-8).",
    ),
    "operator_not_utf8": (
        "操作员工号（--operator、环境变量 CLERK_APP_OPERATOR 或系统用户名）不是有效的 UTF-8 文字，不予接受。请用 --operator 写明工号。",
        "The operator ID (--operator, the CLERK_APP_OPERATOR variable or the OS user name) is not valid UTF-8 text and is refused. Give it with --operator.",
    ),
    "number_out_of_range": (
        "「{option}」应为 {low} 到 {high} 之间的整数，现在是「{value}」。请改正后重试。",
        "{option} must be a whole number from {low} to {high}; it is \"{value}\". Correct it and try again.",
    ),
    "not_an_object": (
        "「{field_zh}」应是一组“字段名: 值”（JSON 对象）。请按接口格式重新提供。",
        "{field_en} must be a JSON object of field names and values. Provide it in the documented format.",
    ),
    "unknown_kind": (
        "不认识的登记类别。请从以下类别中选择：{allowed}。",
        "Unknown kind of record. Choose one of: {allowed}.",
    ),
    "unknown_field": (
        "「{field_zh}」不是这类登记的字段，系统不会保存它。请删除该项，或检查字段名是否拼写正确。",
        '"{field_en}" is not a field of this kind of entry and would not be kept. Remove it or correct the field name.',
    ),
    "missing_field": (
        "缺少必填项「{field_zh}」。请补充后再保存。",
        "{field_en} is required. Fill it in and save again.",
    ),
    "wrong_type": (
        "「{field_zh}」应填写{expected}。请按此格式重新填写。",
        "{field_en} must be {expected}. Enter it in that form.",
    ),
    "empty": (
        "「{field_zh}」不能为空。请填写后再保存。",
        "{field_en} must not be empty. Fill it in and save again.",
    ),
    "too_long": (
        "「{field_zh}」太长：最多 {limit} 个字，现在有 {length} 个字。请删减后再保存（系统不会自动截断）。",
        "{field_en} is too long: at most {limit} characters, now {length}. Shorten it and save again (nothing is cut automatically).",
    ),
    "control_characters": (
        "「{field_zh}」含有看不见的控制字符（常见于从其他系统复制粘贴）。请清空这一项后手工重新输入。",
        "{field_en} contains invisible control characters (often from copying and pasting). Clear the field and type it again.",
    ),
    # -- people ----------------------------------------------------------------------
    "invalid_id_number": (
        "身份证号不正确。请对照身份证逐位核对后重新输入。",
        "The ID number is not valid. Check it against the card digit by digit.",
    ),
    "invalid_id_number.length": (
        "身份证号应为 18 位，现在是 {length} 位。请对照身份证逐位核对后重新输入。",
        "An ID number has 18 characters; this one has {length}. Check it against the card digit by digit.",
    ),
    "invalid_id_number.old_15": (
        "这是 15 位的旧身份证号。请使用第二代身份证上的 18 位号码。",
        "This is an old 15-digit ID number. Use the 18-character number on the second-generation card.",
    ),
    "invalid_id_number.characters": (
        "身份证号只能由数字组成，最后一位可以是 X。请删除空格、横线、字母等其他字符后重新输入。",
        "An ID number is made of digits, the last one possibly X. Remove spaces, dashes, letters or other characters.",
    ),
    "invalid_id_number.birth_date": (
        "身份证号第 7–14 位的出生日期不存在（例如 2 月 30 日）。请对照身份证核对这 8 位。",
        "Characters 7-14 of the ID number are not a real date of birth (such as 30 February). Check them against the card.",
    ),
    "invalid_id_number.check_digit": (
        "身份证号最后一位校验码不正确。请对照身份证逐位核对后重新输入；最后一位如为 X 可输入大写或小写。",
        "The check character (last character) of the ID number does not match. Check every digit against the card; a final X may be typed in upper or lower case.",
    ),
    "invalid_id_number.birth_year": (
        "身份证号中的出生年份（第 7–10 位）早于 1900 年，不可能正确。请对照身份证核对。",
        "The year of birth in the ID number (characters 7-10) is before 1900, which cannot be right. Check it against the card.",
    ),
    "invalid_id_number.foreign_15": (
        "这是旧版外国人永久居留证的 15 位号码，不能作为身份证号录入。请持证人到负责人处办理（可持 2023 年版永久居留身份证的 18 位号码录入）。",
        "This is the 15-character number of an old foreigner's permanent residence card and cannot be entered as an ID number. Send the holder to the supervisor (the 18-character number of the 2023 card can be entered).",
    ),
    "invalid_id_number.region": (
        "身份证号前 6 位的地区代码不存在。请对照身份证核对前 6 位。",
        "The first 6 digits of the ID number are not a known region code. Check them against the card.",
    ),
    "id_birth_date_future": (
        "身份证号中的出生日期（第 7–14 位）晚于今天，不可能正确。请对照身份证核对。",
        "The date of birth in the ID number (characters 7-14) is after today. Check it against the card.",
    ),
    "invalid_phone": (
        "「{field_zh}」应为 11 位手机号码，以 13 至 19 开头，例如 13800138000，中间不要加空格或横线。没有可不填。",
        "{field_en} must be an 11-digit mobile number starting with 13 to 19, such as 13800138000, without spaces or dashes. Leave it empty if there is none.",
    ),
    # -- codes and choices -------------------------------------------------------------
    "invalid_licence_class.application": (
        "「{field_zh}」只能是 A1、A2 或 B2：货运从业资格只对应 A2、B2 培训，只有这三类驾驶证包含它们。请核对驾驶证上的准驾车型。",
        "{field_en} must be A1, A2 or B2: the freight qualification follows A2 or B2 training, and only these licences cover them. Check the class on the driving licence.",
    ),
    "invalid_licence_class": (
        "「{field_zh}」不是有效的准驾车型代号。请填写驾驶证上的代号（大写字母加数字，如 B2），可选：{allowed}。",
        "{field_en} is not a licence class. Enter the code from the driving licence (capital letter and digit, such as B2); one of: {allowed}.",
    ),
    "invalid_choice": (
        "「{field_zh}」的值不在可选范围内。请从以下选项中选择：{allowed}。",
        "{field_en} is not one of the allowed values. Choose one of: {allowed}.",
    ),
    # -- dates and hours ---------------------------------------------------------------
    "invalid_date": (
        "「{field_zh}」不是有效日期。请按“年-月-日”填写，月和日都用两位数，例如 2024-03-05。",
        "{field_en} is not a valid date. Write it as year-month-day with two-digit month and day, such as 2024-03-05.",
    ),
    "date_in_future": (
        "「{field_zh}」（{value}）晚于今天（{today}）。只能登记已经发生的事，请核对日期。",
        "{field_en} ({value}) is after today ({today}). Only what has already happened can be entered; check the date.",
    ),
    "date_order": (
        "「{field_zh}」（{value}）早于「{other}」（{other_value}），先后顺序不对。请核对这两个日期。",
        "{field_en} ({value}) is earlier than {other} ({other_value}). Check the two dates.",
    ),
    "invalid_timestamp": (
        "「{field_zh}」不是带时区的时间。请按 2026-01-05T09:00:00+08:00 的格式填写，或留空由系统填入当前时间。",
        "{field_en} is not a date and time with offset. Write it like 2026-01-05T09:00:00+08:00, or leave it empty for the current time.",
    ),
    "hours_step": (
        "「{field_zh}」须按 0.5 学时为单位填写（如 1、1.5、2），现在是 {value}。请改正。",
        "{field_en} must be in steps of 0.5 hours (1, 1.5, 2 ...); it is {value}. Correct it.",
    ),
    "hours_out_of_range": (
        "「{field_zh}」须大于 0 且不超过 24 学时，现在是 {value}。请核对；超过一天的学习请分成多条记录。",
        "{field_en} must be more than 0 and at most 24 hours; it is {value}. Check it, and split longer study into several sessions.",
    ),
    "date_out_of_range": (
        "「{field_zh}」（{value}）早于 {earliest}，不可能正确。请对照原件核对日期（年份是否输错）。",
        "{field_en} ({value}) is before {earliest}, which cannot be right. Check the date (and the year) against the paper.",
    ),
    "date_out_of_range.exam_closed": (
        "「{field_zh}」（{value}）晚于 {closed}：从业资格考试已于 {closed} 停考，之后的考试或报名不属于过渡衔接登记。请核对日期。",
        "{field_en} ({value}) is after {closed}, when the qualification exam closed; later exams or registrations are no transition case. Check the date.",
    ),
    "age_out_of_range.training_start": (
        "按身份证号，此人在培训开始日期（{day}）只有 {age} 岁，未满 {minimum} 周岁，不能参加货运驾驶员从业资格培训。请核对身份证号和培训开始日期。",
        "By the ID number this person was {age} on the training start date ({day}), under {minimum}; too young for freight-driver training. Check the ID number and the start date.",
    ),
    "age_out_of_range.first_issue": (
        "按身份证号，此人今天（{day}）已 {age} 岁，超过初次申领从业资格证的年龄上限 {maximum} 周岁，不能受理初次申领。请核对身份证号；补发、换证不受此限。",
        "By the ID number this person is {age} today ({day}), over the age limit of {maximum} for a first issue. Check the ID number; reissue and renewal are not limited.",
    ),
    "age_out_of_range.transition": (
        "按身份证号，此人在{event}（{day}）只有 {age} 岁，未满 {minimum} 周岁，不可能参加从业资格考试。请核对身份证号和日期。",
        "By the ID number this person was {age} on the {event} ({day}), under {minimum}; too young for the qualification exam. Check the ID number and the date.",
    ),
    "licence_mismatch": (
        "驾驶证准驾车型 {licence_class} 不包含结业记录的培训车型 {trained_class}。{trained_class} 结业需持 {needed} 驾驶证。请核对驾驶证。",
        "A {licence_class} licence does not cover the {trained_class} class of the training completion; it needs a {needed} licence. Check the licence.",
    ),
    "mode_not_filed": (
        "机构「{name}」（{institution_code}）备案的是{filed}继续教育，不能登记{mode}学时。请核对学习方式或机构代码。",
        'Institution {institution_code} is filed for {filed} teaching; {mode} hours cannot be entered for it. Check the mode or the institution code.',
    ),
    "date_before_filing": (
        "「{field_zh}」（{value}）早于机构「{name}」的备案日期（{filed_on}），备案前的学习不能计入学时。请核对日期或机构代码。",
        "{field_en} ({value}) is before the filing date of institution {institution_code} ({filed_on}); study before the filing does not count. Check the date or the institution code.",
    ),
    "filing_level_mismatch": (
        "{mode}继续教育机构应由{levels}备案，不能是{level}备案。请核对备案方式和备案级别。",
        "An institution filed for {mode} teaching is filed by the {levels} level, not {level}. Check the filing mode and level.",
    ),
    "already_certified": (
        "此人已持有有效的从业资格证（证号 {certificate_no}，有效期至 {valid_until}），不能再初次申领。如证件丢失或损坏请办理补发，临近到期请办理换证。",
        "This person already holds a valid certificate ({certificate_no}, valid until {valid_until}), so there can be no first issue. For a lost or damaged one request a reissue, near expiry a renewal.",
    ),
    "no_such_certificate.reissue": (
        "补发须提供此人现有的有效从业资格证号，找不到这张有效证件。请核对原证号（一般为持证人身份证号）；证件已过期的请办理换证。",
        "A reissue needs this person's valid certificate, and none was found under this number. Check the number (usually the holder's ID number); for an expired certificate request a renewal.",
    ),
    "no_such_certificate.renewal": (
        "换证须提供此人原从业资格证号，找不到这张证件（或已被暂停、撤销）。请核对原证号（一般为持证人身份证号）。",
        "A renewal needs this person's previous certificate, and none was found under this number (or it is suspended or revoked). Check the number (usually the holder's ID number).",
    ),
    "renewal_out_of_window.early": (
        "原证有效期至 {valid_until}，换证从 {opens} 起才能办理（到期前 90 天内）。请到时再来；证件丢失或损坏可办理补发。",
        "The certificate is valid until {valid_until}; renewal opens on {opens} (90 days before expiry). Come back then; a lost or damaged one can be reissued.",
    ),
    "renewal_out_of_window.late": (
        "原证有效期至 {valid_until}，已超过到期后一年（{closes}）的换证期限，不能换证。请按初次申领的要求重新培训后申领。",
        "The certificate expired on {valid_until}, more than a year ago ({closes}), so it can no longer be renewed. Train again and apply for a first issue.",
    ),
    "ce_incomplete": (
        "换证须完成原证有效期内每个继续教育周期的学时（每 {cycle_years} 年至少 {required} 学时）。尚未完成：{missing}。请补足学时并登记后再办理换证。",
        "A renewal needs every CE cycle of the ending validity complete (at least {required} hours in every {cycle_years} years). Not complete: {missing}. Enter the missing hours first.",
    ),
    "certificate_mismatch": (
        "填写的初次领证日期与平台记录的不一致。请对照从业资格证原件核对初次领证日期。",
        "The first-issue date given does not match the platform's record. Check it against the paper certificate.",
    ),
    "blank_text": (
        "「{field_zh}」看起来是空白（只有空格、附加符号或不显示的字符）。请清空这一项后重新输入。",
        "{field_en} looks blank (only spaces, combining marks or characters that show nothing). Clear it and type it again.",
    ),
    "timestamp_in_future": (
        "「{field_zh}」（{value}）远在将来，不可能正确。请核对时间，或留空由系统填入当前时间。",
        "{field_en} ({value}) is far in the future, which cannot be right. Check it, or leave it empty for the current time.",
    ),
    # -- institutions --------------------------------------------------------------------
    "unknown_institution": (
        "本机机构名录中没有代码为「{institution_code}」的机构。请核对代码；如是新机构，请先更新机构名录或请负责人登记。",
        'No institution with code "{institution_code}" is in this window\'s registry. Check the code; for a new institution refresh the registry or ask a supervisor to add it.',
    ),
    "institution_inactive": (
        "机构「{name}」（{institution_code}）已被暂停或撤销，不能录入它的信息。请联系负责人核实该机构状态。",
        "Institution {institution_code} is suspended or revoked; nothing from it can be entered. Ask a supervisor to check its status.",
    ),
    "institution_inactive.suspended": (
        "机构「{name}」（{institution_code}）已被暂停，暂停期间不能录入它的信息。请联系负责人核实该机构状态。",
        'Institution {institution_code} is suspended; nothing from it can be entered while it is. Ask a supervisor to check its status.',
    ),
    "institution_inactive.revoked": (
        "机构「{name}」（{institution_code}）已被撤销，不能再录入它的信息。请联系负责人核实该机构状态。",
        'Institution {institution_code} has been revoked; nothing from it can be entered. Ask a supervisor to check its status.',
    ),
    "institution_wrong_kind": (
        "机构「{name}」（{institution_code}）是{kind}，这里需要{expected}。请核对机构代码。",
        'Institution {institution_code} is a {kind}; a {expected} is needed here. Check the institution code.',
    ),
    "institution_not_qualified": (
        "机构「{name}」（{institution_code}）没有 {vehicle_class}（{class_zh}）车型的培训资格。请核对车型或机构代码。",
        'Institution {institution_code} is not licensed to train for class {vehicle_class}. Check the class or the institution code.',
    ),
    "institution_not_filed": (
        "继续教育机构「{name}」（{institution_code}）没有备案信息，不能录入它的学时。请负责人先登记该机构的备案。",
        'Continuing-education institution {institution_code} has no filing, so its hours cannot be entered. Ask a supervisor to record its filing first.',
    ),
    # -- duplicates ----------------------------------------------------------------------
    "duplicate_record": (
        "此人的这条信息已经录入过（{entered} 录入）。请不要重复录入；如原记录有误，请更正原记录。",
        "This entry for this person already exists (entered {entered}). Do not enter it again; correct the existing record if it is wrong.",
    ),
    "duplicate_certificate_no": (
        "「{field_zh}」已用在另一个人的登记上（{entered} 录入）。同一证书只属于一个人，请对照证书核对编号。",
        "{field_en} is already used on another person's entry (entered {entered}). A certificate belongs to one person; check the number against the certificate.",
    ),
    "possible_duplicate": (
        "此人已有一条相似的登记，可能是重复录入。请核对；如确为另一次，请确认后保存。",
        "This person already has a similar entry; this may be a repeat. Check, and confirm to save if it really is another one.",
    ),
    "possible_duplicate.training_completion": (
        "此人在同一机构、同一车型已有一条结业记录，结业考核日期为 {other_date}，与本次相隔不超过 {days} 天，可能是重复录入。如确为另一次培训，请确认后保存。",
        "This person already has a completion at the same institution and class, assessed on {other_date}, at most {days} days apart. If this really is another training, confirm to save.",
    ),
    "possible_duplicate.ce_hours": (
        "此人在同一机构已有学时记录，学习日期（{other_start} 至 {other_end}）与本次重叠，可能是重复录入。如确为另外的学习，请确认后保存。",
        "This person already has hours at the same institution with study dates ({other_start} to {other_end}) overlapping these. If this really is other study, confirm to save.",
    ),
    "registry_entry_refused": (
        "机构名录更新已停止：省平台发来的机构「{institution_code}」本机无法保存（{reasons}）。名录停在这一项之前，没有跳过任何机构，下次更新从这里继续；请把此消息告知技术支持。",
        "The registry refresh stopped: institution {institution_code} sent by the platform cannot be stored here ({reasons}). The registry stops before it, nothing is skipped, and the next refresh resumes there; tell technical support.",
    ),
    "possible_duplicate.ce_session": (
        "学习「{course}」（{start} 至 {end}，{hours} 学时）已在此人另一条尚未被省平台接收的学时登记中（{entered} 录入），可能是重复录入，同一学时只计一次。如确为另一次学习，请确认后保存。",
        "The session {course} ({start} to {end}, {hours} h) is already on another of this person's CE entries, not yet accepted by the platform (entered {entered}); this may be a repeat, and a session counts once. If it really is other study, confirm to save.",
    ),
    "duplicate_ce_session": (
        "学习「{course}」（{start} 至 {end}，{hours} 学时）已被省平台接收（{entered} 录入），同一学时只计一次，不能再次录入。如原记录有误，请更正原记录。",
        "The session {course} ({start} to {end}, {hours} h) has already been accepted by the platform (entered {entered}); a session counts once and cannot be entered again. Correct the existing record if it is wrong.",
    ),
    "possible_duplicate.qualification_application": (
        "此人用同一证书（初次申领为结业证书，补发、换证为原从业资格证）的申领已在 {entered} 录入（{ago}），可能是重复录入。如确需再次申领，请确认后保存。",
        "An application by this person with the same certificate (the completion certificate for a first issue, the previous certificate for a reissue or renewal) was entered on {entered} ({ago}). If another application is really needed, confirm to save.",
    ),
    "possible_duplicate.transition_case": (
        "此人同样情形的过渡衔接登记已在 {entered} 录入（{ago}），可能是重复录入。如确需再登记，请确认后保存。",
        "A transition case for this person with the same situation was entered on {entered} ({ago}). If it really must be entered again, confirm to save.",
    ),
    # -- voiding and corrections ---------------------------------------------------------
    "void_reason_required": (
        "作废必须填写原因。请简要写明作废原因（不超过 200 字）。",
        "A reason is required to void a record. Give a short reason (at most 200 characters).",
    ),
    "not_found": (
        "找不到这条记录。请核对受理回执号或记录编号。",
        "No such record. Check the receipt number or record ID.",
    ),
    "already_voided": (
        "这条记录已经作废，不能再更正或作废。如需登记，请新录入一条。",
        "This record has already been voided and cannot be corrected or voided again. Make a new entry if needed.",
    ),
    "no_change": (
        "更正的内容与原记录完全相同，没有保存新版本。请修改需要更正的项后再保存。",
        "The correction is identical to the current record, so no new version was saved. Change the fields that need correcting.",
    ),
    "batch_not_saved": (
        "同一批中有其他条目未通过检查，为保证整批一致，本条也没有保存。请改正出错的条目后整批重新提交。",
        "Another entry in the same batch was refused, so this one was not saved either. Correct the refused entries and submit the whole batch again.",
    ),
    # -- operators, settings, files ------------------------------------------------------
    "unknown_operator": (
        "操作员工号未登记或已停用。请使用本窗口登记过的工号，或请负责人添加。",
        "The operator is not registered at this window or is disabled. Use a registered operator ID or ask a supervisor to add one.",
    ),
    "not_supervisor": (
        "此操作需要负责人的工号和密码。请负责人本人操作。",
        "This needs a supervisor's operator ID and password. Ask a supervisor to do it.",
    ),
    "operator_exists": (
        "这个工号已经登记过。请换一个工号。",
        "This operator ID is already registered. Choose another.",
    ),
    "invalid_operator_id": (
        "工号格式不正确。请只用英文字母、数字和 . _ -（最多 64 个），不要用汉字、全角字符或形近字母。",
        "The operator ID is not valid. Use only ASCII letters, digits and . _ - (at most 64), no look-alike letters.",
    ),
    "invalid_operator_name": (
        "操作员姓名不能为空、不能超过 50 个字，也不能含控制字符。请重新填写。",
        "The operator's name must be 1-50 characters without control characters. Enter it again.",
    ),
    "password_required": (
        "每位操作员都必须设置密码（用来证明身份）。请填写密码。",
        "Every operator must have a password (it proves who they are). Enter one.",
    ),
    "operator_not_found": (
        "没有工号为 {operator} 的操作员。请核对工号。",
        "There is no operator {operator}. Check the operator ID.",
    ),
    "last_supervisor": (
        "{operator} 是本窗口唯一在用的负责人，不能停用，否则没有人能再修改设置、操作员或作废记录。请先添加另一位负责人。",
        "{operator} is the only active supervisor of this window and cannot be disabled: nobody could change settings or operators or void records. Add another supervisor first.",
    ),
    "password_too_short": (
        "密码太短，至少需要 {minimum} 位。请换一个更长的密码。",
        "The password is too short; it needs at least {minimum} characters.",
    ),
    # -- accountability: who may write, and why a version was made ----------------------
    "no_supervisor_yet": (
        "这个窗口还没有登记负责人，第一步必须先登记第一位负责人："
        "clerk-app --operator 工号 operators add 工号 --name 姓名 --role supervisor（按提示输入新密码）。登记前不能做其他修改。",
        "No supervisor is registered at this window yet. Register the first supervisor first: "
        "clerk-app --operator ID operators add ID --name NAME --role supervisor (you are asked for the new password).",
    ),
    "wrong_password": (
        "工号或密码不正确，本次操作没有执行。忘记密码请找负责人。",
        "Wrong operator ID or password; nothing was done. Ask a supervisor if the password is forgotten.",
    ),
    "operator_locked": (
        "工号 {operator} 密码连续输错 {attempts} 次，已锁定 {minutes} 分钟。请稍后再试，或请负责人处理。",
        "Operator {operator} gave a wrong password {attempts} times and is locked out for {minutes} minutes. Try later or ask a supervisor.",
    ),
    "password_missing": (
        "请输入操作员 {operator} 的密码：在终端按提示输入，脚本中用 --password-stdin 从标准输入第一行读入。",
        "Give operator {operator}'s password: on the terminal when asked, or in scripts as the first line of standard input with --password-stdin.",
    ),
    "json_needs_file": (
        "使用 --password-stdin 时标准输入只用来读密码，JSON 请放在文件中（--json 文件名）。",
        "With --password-stdin standard input carries the password only; give the JSON in a file (--json FILE).",
    ),
    "supervisor_only": (
        "只有负责人可以{action_zh}。请负责人用自己的工号和密码操作。",
        "Only a supervisor may {action_en}. Ask a supervisor to do it with their own ID and password.",
    ),
    "change_reason_required": (
        "更正必须填写更正原因（不超过 200 字）。请写明为什么更正。",
        "A correction needs a reason (at most 200 characters). Say why the record is corrected.",
    ),
    "approval_required": (
        "这条记录省平台已经接收，更正需要负责人批准：请负责人输入工号和密码（命令行用 --approve-by 负责人工号）。",
        "The platform has accepted this record, so a correction needs a supervisor's approval (ID and password; --approve-by ID on the command line).",
    ),
    "hall_not_set": (
        "还没有设置本服务大厅（{missing}）。请负责人先设置（clerk-app config set hall.code 代码 等），设置前不能保存记录，以免回执号与其他大厅重复。",
        "The service hall is not set up yet ({missing}). A supervisor must set it first (clerk-app config set hall.code CODE, ...); no record is saved until then.",
    ),
    "hall_mismatch": (
        "省平台登录答复的大厅代码是 {platform}，本窗口设置的是 {local}。请负责人核对并改正大厅代码，改正前暂停上传，以免回执号带错大厅。",
        "The platform's login answer names hall {platform}, but this window is set to hall {local}. A supervisor must put the hall code right; uploads wait until then.",
    ),
    "restore_unverified": (
        "该备份来自较早的版本（架构 {revision}），其中的操作员、角色和设置无法用审计记录核对，没有恢复。请负责人核对下面列出的操作员、角色和设置，确认无误后加 --confirm-unverified 再次恢复（将记为未经验证的恢复）。",
        "This backup comes from an older version (schema {revision}): its operators, roles and settings cannot be proven by its audit trail, so it was not restored. A supervisor checks the operators, roles and settings listed, then restores again with --confirm-unverified (recorded as an unverified restore).",
    ),
    "restore_needs_recovery_code": (
        "当前数据库已损坏，无法在其中核对负责人身份；本数据目录从未生成过恢复码，不能代替。数据库没有被改动。请联系信息科处理（不要删除数据目录中的文件）。",
        "The current database is damaged, so no supervisor can be proven in it, and this data folder never had a recovery code to stand in. Nothing was changed. Call IT (do not delete files in the data folder).",
    ),
    "restore_without_supervisor": (
        "备份文件中没有负责人 {operator}（或该工号不是在用的负责人），不能用它恢复：恢复后将无人能证明身份。请换一个备份文件。",
        "Supervisor {operator} does not exist (as an active supervisor) in the backup file, so it is not restored. Choose another backup.",
    ),
    "unknown_setting": (
        "没有这项设置。可用的设置有：{known}。",
        "There is no such setting. Known settings: {known}.",
    ),
    "invalid_setting": (
        "「{label}」的值不正确：{hint_zh}。请改正后重试。",
        "The value for this setting is not valid: {hint_en}.",
    ),
    "file_unreadable": (
        "无法读取文件「{path}」（{reason}）。请检查文件路径和权限。",
        'The file "{path}" cannot be read ({reason}). Check the path and permissions.',
    ),
    "file_not_utf8": (
        "文件「{path}」不是 UTF-8 编码。请用“另存为 UTF-8”保存后重试。",
        'The file "{path}" is not UTF-8 encoded. Save it as UTF-8 and try again.',
    ),
    # -- importing completion lists ------------------------------------------------------
    "import_file_type": (
        "不能导入「{path}」：只支持 Excel 工作簿（.xlsx、.xls）、WPS/LibreOffice 表格（.ods）和 CSV 文件（.csv）。请在表格软件中“另存为”其中一种后重试。",
        'Cannot import "{path}": only Excel workbooks (.xlsx, .xls), OpenDocument spreadsheets (.ods) and CSV files (.csv) are supported. Save it as one of these and try again.',
    ),
    "import_not_a_workbook": (
        "文件「{path}」不是有效的 {kind} 文件（可能已损坏，或是改了扩展名的其他文件）。请在表格软件中打开并“另存为” .xlsx 后重试。",
        'The file "{path}" is not a valid {kind} file (damaged, or another kind of file renamed). Open it in a spreadsheet program, save it as .xlsx and try again.',
    ),
    "import_encoding": (
        "文件「{path}」不是 UTF-8、GB18030/GBK 或带 BOM 的 UTF-16 编码的文字，无法读取。请在 Excel 中“另存为” CSV UTF-8 后重试。",
        'The file "{path}" is not UTF-8, GB18030/GBK or UTF-16 (with BOM) text. Save it from Excel as "CSV UTF-8" and try again.',
    ),
    "import_no_rows": (
        "文件「{path}」中没有找到表头下面的数据行。请核对是否选对了文件。",
        'No data rows were found under the headings in "{path}". Check that this is the right file.',
    ),
    "import_too_many_columns": (
        "文件「{path}」的工作表有 {columns} 列，超过了名单最多 {limit} 列的限制，没有导入。请只保留名单的列后重试。",
        'The worksheet in "{path}" has {columns} columns, more than the {limit} a list may have; nothing was imported. Keep only the list\'s columns and try again.',
    ),
    "import_too_many_rows": (
        "文件「{path}」有 {rows} 行以上，超过了一次导入最多 {limit} 行的限制，没有导入。请把名单分成几个文件，分批导入。",
        'The file "{path}" has {rows} rows or more, more than the {limit} one import may hold; nothing was imported. Split the list into several files and import them one by one.',
    ),
    "import_too_large": (
        "文件「{path}」太大（{what}超过 {limit}），不像一份结业名单，没有导入。请只保留名单本身（删去图片和其他工作表），或分成几个文件后重试。",
        'The file "{path}" is too large ({what} over {limit}) for a completion list; nothing was imported. Keep only the list itself (remove pictures and other sheets), or split it into several files.',
    ),
    "import_cell_too_long": (
        "文件「{path}」中有一个单元格的文字超过 {limit} 个字符（Excel 一个单元格最多也只能存这么多），不是正常的名单，没有导入。请核对文件后重试。",
        'A cell in "{path}" holds more than {limit} characters (the most an Excel cell can hold); this is no ordinary list and nothing was imported. Check the file and try again.',
    ),
    "import_password": (
        "文件「{path}」设置了打开密码，无法读取。请在表格软件中去掉密码后另存，再导入。",
        'The file "{path}" is protected by a password and cannot be read. Remove the password in the spreadsheet program, save it and import again.',
    ),
    "import_unsafe_workbook": (
        "文件「{path}」内部的 XML 已损坏或含有不安全的内容（如文档类型或实体定义），没有导入。请在表格软件中打开并“另存为” .xlsx 后重试。",
        'The XML inside "{path}" is damaged or holds unsafe content (such as a document type or entity definitions); nothing was imported. Open it in a spreadsheet program, save it as .xlsx and try again.',
    ),
    "import_export_unwritable": (
        "不能把未导入的行保存到「{path}」（{reason}）。请换一个存在、可写入的文件夹中的 .xlsx 文件名。",
        'The rows not imported cannot be saved to "{path}" ({reason}). Give an .xlsx file name in a folder that exists and is writable.',
    ),
    "import_missing_columns": (
        "表格中找不到这些必填项对应的列：{fields}。请在导入界面把对应的列指定给它们（命令行用 --mapping 列对应文件）。",
        "No column was found for these required fields: {fields}. Assign the matching columns in the import screen (on the command line, with --mapping FILE).",
    ),
    "import_mapping_invalid": (
        "列对应文件不正确：{detail}。它应是一个 JSON 对象，键是表格的列标题，值是字段名（可选：{allowed}），值为空表示不导入这一列。",
        "The column mapping is not valid: {detail}. It must be a JSON object of column headings to field names ({allowed}); an empty value leaves the column out.",
    ),
    "import_digits_lost": (
        "「{field_zh}」在表格里被 Excel 存成了数字（{value}）。Excel 只保留 15 位有效数字，后面几位已经丢失，无法还原，所以这一行没有导入。请学校把这一列设置为“文本”格式，重新填写后再提供。",
        "{field_en} was stored by Excel as a number ({value}). Excel keeps only 15 significant digits, so the last digits are lost and cannot be recovered; this row was not imported. Ask the school to format the column as text, type the values again and resend the list.",
    ),
    "import_repeated_in_file": (
        "与本表第 {row} 行是同一人、同一结业证书编号，重复了。只导入第 {row} 行。",
        "Same person and completion certificate number as row {row} of this file; only row {row} is imported.",
    ),
    "import_certificate_in_file": (
        "「{field_zh}」与本表第 {row} 行另一个人的相同。同一证书只属于一个人，请学校对照证书核对编号。",
        "{field_en} is the same as on row {row} of this file, for another person. A certificate belongs to one person; ask the school to check the number.",
    ),
    "import_near_duplicate_in_file": (
        "此人在本表第 {row} 行已有同一机构、同一车型的结业记录，考核日期相隔不超过 {days} 天，可能是重复。如确为两次培训，请确认后导入。",
        "This person is on row {row} of this file with the same institution and class, assessed at most {days} days apart; this may be a repeat. If these really are two trainings, confirm to import.",
    ),
    # -- upload to the provincial platform: why a run stopped ------------------------------
    "upload_not_configured": (
        "还没有设置平台地址或窗口账号，不能上传。请负责人设置平台地址（clerk-app config set platform.url 地址）并登录（clerk-app login --account 账号）。录入照常保存在本机。",
        "No platform address or window account is set, so nothing can be uploaded. Set platform.url and log in (clerk-app login --account NAME). Entries are kept on this computer.",
    ),
    "upload_offline": (
        "连不上省平台（{reason}）。录入的数据都已保存在本机，联网后会再上传。",
        "The provincial platform cannot be reached ({reason}). Everything entered is kept on this computer and will be uploaded once online.",
    ),
    "upload_address_refused": (
        "平台地址「{url}」不能使用：{hint_zh}。请负责人改正平台地址（clerk-app config set platform.url 地址）。",
        'The platform address "{url}" cannot be used: {hint_en}. Correct it with clerk-app config set platform.url.',
    ),
    "upload_no_secret": (
        "本机还没有保存窗口账号「{account}」的密钥。请负责人登录一次平台：clerk-app login --account {account}（或在“设置”中登录平台）。",
        'No secret is stored for the window account "{account}". Log in once: clerk-app login --account {account}.',
    ),
    "keyring_unavailable": (
        "本机的系统钥匙串（Windows 凭据管理器）不可用，平台密钥无法保存；程序不会把密钥写进文件。请联系技术支持开启系统钥匙串；在此之前每次上传都需要输入密钥。",
        "The system keyring (Windows Credential Manager) is not available, so the platform secret cannot be kept; it is never written to a file. Ask support to enable it; until then the secret is asked for at each upload.",
    ),
    "upload_login_failed": (
        "平台不接受窗口账号「{account}」的密钥（账号或密钥不对，或账号已停用）。请负责人重新登录：clerk-app login --account {account}。",
        'The platform refused the secret of window account "{account}" (wrong account or secret, or the account is disabled). Log in again: clerk-app login --account {account}.',
    ),
    "upload_token_refused": (
        "平台再次拒绝了登录凭证，上传已停止。请负责人重新登录（clerk-app login --account {account}）后再上传；结果未知的记录下次会先向平台核对，不会重复上报。",
        "The platform refused the login again, so the upload stopped. Log in again (clerk-app login --account {account}) and upload; records whose outcome is unknown are checked with the platform first, never sent twice.",
    ),
    "upload_too_large": (
        "这一批（{count} 条，{size} 字节）超过了平台允许的大小，平台没有处理它；这些记录已放回待上传。以后每批改为不超过 {limit} 字节，请再上传一次。",
        "This batch ({count} records, {size} bytes) was larger than the platform accepts and was not processed; its records are pending again. Batches are now kept under {limit} bytes; upload again.",
    ),
    "upload_refused": (
        "平台拒收了这一批（{code}：{detail}），上传已停止；这批记录仍在本机待上传。请把这条信息告诉技术支持。",
        "The platform refused the batch ({code}: {detail}), so the upload stopped; its records are still pending here. Tell support this message.",
    ),
    "upload_unresolved": (
        "平台对这一批的答复无法确定结果（{code}：{detail}），上传已停止。这批记录保持“结果未知”，下次上传时会先向平台核对，不会重复上报。请把这条信息告诉技术支持。",
        "The platform's answer leaves this batch's outcome unknown ({code}: {detail}), so the upload stopped. Its records stay unknown and are checked with the platform first next time, never sent twice. Tell support this message.",
    ),
    "upload_gave_up": (
        "平台多次没有正常答复（{reason}），上传已停止。结果未知的记录下次上传时会先向平台核对，不会重复上报；其余记录仍在本机待上传。",
        "The platform failed to answer properly several times ({reason}), so the upload stopped. Records whose outcome is unknown are checked with the platform first next time, never sent twice; the rest are still pending.",
    ),
    "upload_cancelled": (
        "上传已按要求停止。已发出的批次都已核对结果（或下次先核对）；其余记录仍在本机待上传。",
        "The upload stopped as asked. Batches already sent were checked (or will be checked first next time); the rest are still pending.",
    ),
    "upload_institution_inactive": (
        "回执 {receipt_no}：机构「{name}」（{institution_code}）在最新机构名录中已被{status}，这条记录没有上传。请核实后更正机构，或请负责人作废该记录。",
        "Receipt {receipt_no}: institution {institution_code} is {status} in the latest registry, so this record was not uploaded. Check it, then correct the institution or have a supervisor void the record.",
    ),
    "upload_rules_refused": (
        "回执 {receipt_no}：这条记录是在新规则施行前录入的，按现行规则不能上传，所以没有上传。原因：{reasons} 请核实后更正这条记录（更正后会再上传），或请负责人作废。",
        "Receipt {receipt_no}: this record was entered before the current rules and they refuse it, so it was not uploaded. Why: {reasons} Check it, then correct the record (the correction is uploaded) or have a supervisor void it.",
    ),
    "upload_clock_skew": (
        "本机时钟与平台相差约 {minutes} 分钟。请校准电脑的日期和时间，否则录入时间和回执日期会不准。",
        "This computer's clock is about {minutes} minutes off the platform's. Set the date and time right, or entry times and receipt dates will be wrong.",
    ),
    "tls_verify_failed": (
        "省平台的证书无法验证（{reason}），为防止数据送到冒充省平台的地方，没有发送任何内容。请负责人核对平台地址（platform.url）和本大厅的 CA 证书文件（platform.ca_bundle，留空表示使用系统证书）；核对无误仍然如此，请联系技术支持。录入的数据都已保存在本机。",
        "The provincial platform's certificate cannot be verified ({reason}), so nothing was sent: the data might otherwise reach an impostor. A supervisor should check the platform address (platform.url) and the hall's CA file (platform.ca_bundle; empty uses the system certificates); if both are right, call support. Everything entered is kept on this computer.",
    ),
    "tls_ca_unusable": (
        "本大厅的 CA 证书文件「{path}」无法读取，或不是 PEM 格式的证书，所以没有连接省平台。请负责人重新设置：clerk-app config set platform.ca_bundle 文件路径（留空表示使用系统证书）。录入的数据都已保存在本机。",
        'The hall\'s CA file "{path}" cannot be read or holds no PEM certificate, so the platform was not contacted. Set it again: clerk-app config set platform.ca_bundle FILE (empty uses the system certificates). Everything entered is kept on this computer.',
    ),
    "upload_busy": (
        "正在上传中，请等这一次上传结束。",
        "An upload is already running; wait for it to end.",
    ),
    "platform_failed": (
        "与平台通信失败，请稍后重试；录入的数据都已保存在本机。",
        "Talking to the platform failed; try again later. Everything entered is kept on this computer.",
    ),
    # -- upload: why the platform rejected a record (its codes, said for the clerk) ------------
    "platform_rejected": (
        "平台退回：{message}。请核对后更正再上传。",
        "Rejected by the platform: {message}. Check and correct it, then upload again.",
    ),
    "schema_violation.platform": (
        "「{field_zh}」不符合平台的格式要求。请核对后更正再上传。",
        "{field_en} does not meet the platform's format. Check it and correct the record.",
    ),
    "invalid_id_number.platform": (
        "平台核验身份证号不通过。请对照身份证逐位核对后更正。",
        "The platform could not verify the ID number. Check it against the card digit by digit and correct the record.",
    ),
    "unknown_institution.platform": (
        "平台上没有这个机构代码。请核对机构代码后更正；如是新机构，请先更新机构名录。",
        "The platform does not know this institution code. Check the code and correct the record; for a new institution refresh the registry first.",
    ),
    "institution_not_qualified.platform": (
        "平台记录该机构没有这个车型的培训资格。请核对车型或机构代码后更正。",
        "According to the platform the institution may not train for this class. Check the class or the institution code.",
    ),
    "institution_not_filed.platform": (
        "平台上该继续教育机构没有备案，不接收它的学时。请负责人核实机构备案后再更正。",
        "The continuing-education institution has no filing on the platform, so its hours are not accepted. Have a supervisor check the filing.",
    ),
    "institution_revoked.platform": (
        "该机构已被暂停或撤销，平台不接收它的信息。请负责人核实后更正或作废这条记录。",
        "The institution is suspended or revoked, so the platform accepts nothing from it. Have a supervisor check, then correct or void the record.",
    ),
    "duplicate_certificate_no.platform": (
        "这个证书编号在平台上已用在另一个人的记录上。请对照证书核对编号后更正。",
        "This certificate number is already on another person's record at the platform. Check it against the certificate and correct the record.",
    ),
    "date_out_of_range.platform": (
        "「{field_zh}」超出平台允许的范围（例如晚于今天，或先后顺序不对）。请核对日期后更正。",
        "{field_en} is out of the platform's range (after today, or out of order). Check the dates and correct the record.",
    ),
    "hours_out_of_range.platform": (
        "「{field_zh}」超出平台允许的学时范围。请核对学时后更正。",
        "{field_en} is out of the platform's range of hours. Check the hours and correct the record.",
    ),
    "version_conflict.platform": (
        "平台上这条记录的版本与本机不一致（可能在别的窗口更正过）。请负责人核对后再更正。",
        "The platform has another version of this record (perhaps corrected at another window). Have a supervisor check before correcting.",
    ),
    "not_found.platform": (
        "平台上找不到要更正或作废的原记录。请负责人核对。",
        "The platform has no original record to correct or void. Have a supervisor check.",
    ),
    "no_matching_completion.platform": (
        "平台上找不到与这次申领相符的培训结业记录（身份证号和结业证书编号须一致）。请核对结业证书编号；如结业记录还没上传，请先上传结业记录。",
        "The platform has no training completion matching this application (same ID number and completion certificate number). Check the certificate number, or upload the completion first.",
    ),
    "licence_mismatch.platform": (
        "驾驶证准驾车型不包含结业记录的培训车型（A2 结业须持 A2 驾驶证，B2 结业须持 A1、A2 或 B2 驾驶证），平台不能发证。请核对准驾车型后更正。",
        "The licence class does not cover the class of the training completion (A2 needs an A2 licence; B2 needs A1, A2 or B2), so no certificate can be issued. Check the licence class and correct the record.",
    ),
    "age_out_of_range.platform": (
        "平台核对年龄不符合要求（结业时未满 18 周岁、初次申领超过年龄上限，或过渡衔接登记时未满 18 周岁）。请核对身份证号和日期后更正。",
        "The platform found the age out of range (under 18 at training, over the limit for a first issue, or under 18 for a transition case). Check the ID number and dates.",
    ),
    "mode_not_filed.platform": (
        "学习方式与机构的备案方式不符（面授机构不能登记网络学时，网络机构不能登记面授学时）。请核对学习方式或机构代码后更正。",
        "The mode does not match the institution's filing (no online hours at an offline-filed institution, and the reverse). Check and correct the record.",
    ),
    "date_before_filing.platform": (
        "学习日期早于机构的备案日期，平台不计入。请核对日期或机构代码后更正。",
        "A session is before the institution's filing date, so the platform does not count it. Check the date or the institution code.",
    ),
    "already_certified.platform": (
        "平台记录此人已持有有效的从业资格证，不能再初次申领。证件丢失或损坏请改为补发，临近到期请改为换证。",
        "The platform says this person already holds a valid certificate. Request a reissue (lost or damaged) or a renewal (near expiry) instead.",
    ),
    "no_such_certificate.platform": (
        "平台上没有此人这张可补发或换证的从业资格证。请核对原证号（一般为持证人身份证号）后更正。",
        "The platform has no certificate of this person under this number that can be reissued or renewed. Check the number and correct the record.",
    ),
    "renewal_out_of_window.platform": (
        "不在换证期限内：换证只能在原证到期前 90 天至到期后一年之间办理。请核对原证有效期。",
        "Out of the renewal window: from 90 days before expiry until one year after it. Check the certificate's validity.",
    ),
    "certificate_mismatch.platform": (
        "填写的初次领证日期与平台记录的不一致。请对照从业资格证原件核对后更正。",
        "The first-issue date does not match the platform's record. Check it against the paper certificate and correct the record.",
    ),
    "change_reason_required.platform": (
        "平台要求更正必须写明更正原因。请填写更正原因后重新更正。",
        "The platform needs a reason for every correction. Correct the record again with a reason.",
    ),
    # -- printing --------------------------------------------------------------------------
    "print_glyph_missing": (
        "{where}中的 {characters} 在打印字体中没有，印出来会是空白方框，所以没有打印（也没有记为已打印）。请先核对这个字是否录入正确；确是生僻字的，请联系技术支持在本机安装含该字的字体后再打印。",
        "{where}: {characters} is missing from the printing font and would print as an empty box, so nothing was printed (or recorded as printed). Check that the character was entered correctly; if it is a rare character, ask support to install a font that has it.",
    ),
    "print_certificate_not_found": (
        "本机没有证书编号为「{certificate_no}」的已发证信息。请先上传从业资格证申领，待平台发证并取回结果后再打印；也可以用 --json 提供平台发来的证书信息。",
        "This window has no issued certificate numbered \"{certificate_no}\". Upload the application and fetch the platform's result first, or give the platform's certificate data with --json.",
    ),
    "print_certificate_incomplete": (
        "证书信息不完整或格式不对：{detail}。请提供平台发来的完整证书信息（certificate_no、category、issued_on、valid_until、status、name、id_number、verify_url）。",
        "The certificate data is incomplete or malformed: {detail}. Give the platform's complete certificate data.",
    ),
    "print_certificate_not_valid": (
        "这张证书在平台上的状态是「{status}」，不能打印。请向平台核实证书状态。",
        "This certificate's status on the platform is \"{status}\", so it cannot be printed. Check its status with the platform.",
    ),
    "print_no_ce_hours": (
        "没有找到这位驾驶员的继续教育学时记录。请核对身份证号，或先录入学时。",
        "No continuing-education hours are recorded for this driver. Check the ID number, or enter the hours first.",
    ),
    "print_validity_start_unknown": (
        "证书 {certificate_no} 的有效期起始日期省平台没有提供（较早版本的平台接口），纸证上的有效期限只印“至”截止日期。如需印出起始日期，请联网后重新查询此证再打印。",
        "The platform sent no start of validity for certificate {certificate_no} (an older platform interface), so the paper prints only the end of its validity. To print the start, look the certificate up again online and print again.",
    ),
    "print_ce_platform_offline": (
        "未连上省平台（{reason}），学时证明使用本机保存的平台数据，证明上注明其查询时间。",
        "The platform could not be reached ({reason}); the statement uses the platform figures kept here and says when they were read.",
    ),
    "print_ce_anchor_unknown": (
        "不知道这位驾驶员从业资格证的发证日期，无法确定继续教育周期。请先取回平台的发证信息，或指定发证日期（命令行：--issued-on YYYY-MM-DD）。",
        "The issue date of this driver's qualification certificate is unknown, so the CE cycle cannot be determined. Fetch the platform's certificate data first, or give the issue date (--issued-on YYYY-MM-DD).",
    ),
    "print_institution_not_found": (
        "机构名录中没有代码为「{code}」的机构。请核对机构代码，或先更新机构名录。",
        "The institution registry has no institution with code \"{code}\". Check the code, or refresh the registry first.",
    ),
    "print_not_ce_institution": (
        "「{code}」是驾培机构，备案申请表只用于继续教育培训机构。请核对机构代码。",
        "\"{code}\" is a driver-training institution; the filing form is only for continuing-education institutions. Check the code.",
    ),
    "print_printer_not_found": (
        "找不到打印机「{printer}」。本机可用的打印机：{available}。请核对打印机名称，或先在系统中安装这台打印机。",
        "There is no printer named \"{printer}\". Printers on this computer: {available}. Check the name, or install the printer first.",
    ),
    "print_failed": (
        "打印机「{printer}」没有完成打印（{reason}）。请检查打印机是否开机、有纸、未卡纸，然后重新打印。",
        "The printer \"{printer}\" did not finish printing ({reason}). Check that it is on, has paper and is not jammed, then print again.",
    ),
    "no_display": (
        "无法打开窗口：这台电脑当前没有可用的显示器（图形界面）。请在有桌面的电脑上运行，或使用命令行：clerk-app --help",
        "Cannot open the window: this computer has no display (graphical desktop) now. "
        "Run it on a computer with a desktop, or use the command line: clerk-app --help",
    ),
    "qt_library_missing": (
        "无法打开窗口：这台电脑有桌面，但缺少图形界面所需的系统库 {libraries}。"
        "请让管理员安装后再打开：sudo apt-get install {packages}　在此之前可以使用命令行：clerk-app --help",
        "Cannot open the window: this computer has a desktop, but the system libraries {libraries} the window "
        "needs are missing. Ask an administrator to install them, then open it again: sudo apt-get install {packages}  "
        "Meanwhile the command line works: clerk-app --help",
    ),
    "qt_platform_failed": (
        "无法打开窗口：图形界面插件没有加载（{detail}）。请联系管理员；在此之前可以使用命令行：clerk-app --help",
        "Cannot open the window: the graphical interface plugin did not load ({detail}). "
        "Ask an administrator; meanwhile the command line works: clerk-app --help",
    ),
    "print_out_unwritable": (
        "无法写入文件「{path}」（{reason}）。请检查文件夹是否存在、是否有写入权限。",
        'Cannot write the file "{path}" ({reason}). Check that the folder exists and is writable.',
    ),
    "print_no_destination": (
        "请指定打印到哪里：--out 文件.pdf 保存为 PDF，或 --printer 打印机名称 直接打印。",
        "Say where to print: --out FILE.pdf to save a PDF, or --printer NAME to print directly.",
    ),
    "print_invalid_date": (
        "日期「{value}」不正确。请按 YYYY-MM-DD 填写，例如 2026-11-24。",
        "The date \"{value}\" is not valid. Use YYYY-MM-DD, for example 2026-11-24.",
    ),
    "print_date_out_of_range": (
        "日期「{value}」不在 {earliest} 到今天（{today}）之间，不可能正确。请核对年份。",
        "The date \"{value}\" is not between {earliest} and today ({today}), which cannot be right. Check the year.",
    ),
    # -- the ID-card reader at the counter (clerk_app.devices) ----------------------
    "card_no_reader": (
        "未找到身份证阅读器（{detail}）。请检查阅读器的 USB 线是否插好、指示灯是否亮；仍不行请负责人在“设置 → 身份证阅读器”中检查并点“测试阅读器”。",
        "No ID-card reader found ({detail}). Check that the reader's USB cable is plugged in and its light is on; if it still fails, ask the supervisor to check Settings → ID-card reader and press Test the reader.",
    ),
    "card_no_library": (
        "无法加载阅读器驱动程序「{path}」（{detail}）。请负责人在“设置 → 身份证阅读器”中填写厂家驱动（sdtapi）的正确位置。",
        "The reader's driver \"{path}\" could not be loaded ({detail}). Ask the supervisor to give the vendor driver's (sdtapi) location in Settings → ID-card reader.",
    ),
    "card_sam_fault": (
        "阅读器的安全模块（SAM）出错（代码 {code}），证件没有读出。请拔下阅读器的 USB 线，等 5 秒再插上后重放证件；仍不行请联系负责人更换阅读器。",
        "The reader's security module (SAM) failed (code {code}); the card was not read. Unplug the reader's USB cable, wait 5 seconds, plug it in again and place the card again; if it still fails, ask the supervisor to replace the reader.",
    ),
    "card_removed": (
        "证件在读取过程中被移开，没有读完（代码 {code}），表单没有填入任何内容。请把证件平放在阅读器上，听到提示音后再拿开。",
        "The card was moved away before it was read completely (code {code}); nothing was filled in. Lay the card flat on the reader and take it away only after the beep.",
    ),
    "card_unreadable": (
        "读到的证件信息不完整或无法识别（{detail}），表单没有填入任何内容。请把证件重新放一次；仍不行请对照证件手工录入。",
        "What the reader returned is incomplete or cannot be understood ({detail}); nothing was filled in. Place the card again; if it still fails, type the details from the card by hand.",
    ),
    "card_bad_id_number": (
        "从证件读到的号码不正确：{reason} 表单没有填入任何内容。请把证件重新放一次；仍不行请对照证件手工录入，并请负责人查看。",
        "The number read from the card is not valid: {reason} Nothing was filled in. Place the card again; if it still fails, type it from the card by hand and tell the supervisor.",
    ),
    "card_expired": (
        "证件已于 {date} 过期。已照常读入，请提醒持证人及时换领新证。",
        "The card expired on {date}. It was read as usual; remind the holder to renew it.",
    ),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "id_number": ("身份证号", "ID number"),
    "name": ("姓名", "name"),
    "phone": ("手机号码", "mobile number"),
    "institution_code": ("机构代码", "institution code"),
    "training_scope": ("培训类型", "training scope"),
    "vehicle_class": ("培训车型", "vehicle class"),
    "certificate_no": ("结业证书编号", "completion certificate number"),
    "training_start": ("培训开始日期", "training start date"),
    "training_end": ("培训结束日期", "training end date"),
    "assessment_date": ("结业考核日期", "assessment date"),
    "qualification_cert_no": ("从业资格证号", "qualification certificate number"),
    "category": ("从业类别", "category"),
    "sessions": ("学习记录", "session"),
    "course": ("课程名称", "course"),
    "hours": ("学时", "hours"),
    "mode": ("学习方式", "mode"),
    "start_date": ("开始日期", "start date"),
    "end_date": ("结束日期", "end date"),
    "licence_no": ("驾驶证号", "driving licence number"),
    "licence_class": ("准驾车型", "licence class"),
    "completion_certificate_no": ("结业证书编号", "completion certificate number"),
    "kind_of_request": ("申领类型", "kind of request"),
    "previous_certificate_no": ("原从业资格证号", "previous certificate number"),
    "event_date": ("考试或报名日期", "exam or registration date"),
    "qualification_first_issued_on": ("初次领证日期", "first issue date"),
    "situation": ("情形", "situation"),
    "note": ("备注", "note"),
    "void_reason": ("作废原因", "reason for voiding"),
    "change_reason": ("更正原因", "reason for the correction"),
    "kind": ("登记类别", "kind of record"),
    "record_id": ("记录编号", "record ID"),
    "operator": ("操作员", "operator"),
    "operator_id": ("工号", "operator ID"),
    "role": ("角色", "role"),
    "password": ("密码", "password"),
    "json": ("JSON 内容", "JSON content"),
}

_SHOWN_LIMIT = 30


def shown(value: object) -> str:
    """A value as it may be repeated in a message: personal numbers masked, long text shortened."""
    try:
        text = mask_personal_data(str(value))
    except ValueError:  # an int past Python's digit limit for str()
        text = "…"
    return text if len(text) <= _SHOWN_LIMIT else text[:_SHOWN_LIMIT] + "…"


def field_label(path: str | None, labels: Mapping[str, tuple[str, str]] = FIELD_LABELS) -> tuple[str, str]:
    """(Chinese, English) words for a dotted field path; list positions count from 1 for people."""
    if path is None:
        return "录入内容", "the entry"
    parts = path.split(".")
    zh: list[str] = []
    en: list[str] = []
    i = 0
    while i < len(parts):
        label_zh, label_en = labels.get(parts[i]) or (shown(parts[i]),) * 2
        if i + 1 < len(parts) and parts[i + 1].isdecimal():
            number = int(parts[i + 1]) + 1
            zh.append(f"{label_zh}第 {number} 条")
            en.append(f"{label_en} {number}")
            i += 2
        else:
            zh.append(label_zh)
            en.append(label_en)
            i += 1
    return "的".join(zh), ": ".join(en)


def problem(code: str, field: str | None = None, /, **params: object) -> Problem:
    """Build a Problem from the catalogue; ``field_zh``/``field_en`` default to the field's label.

    ``variant=NAME`` picks the "code.NAME" wording of a code (it is not a message parameter).

    A parameter given as a (Chinese, English) pair is used in the matching
    message, so English messages can stay free of Chinese labels.
    Every parameter is passed through ``mask_personal_data`` so that a message
    can never repeat an ID or phone number, whatever a caller hands in.
    """
    variant = params.pop("variant", None)
    key = f"{code}.{variant}" if variant else code
    template_zh, template_en = MESSAGES[key]
    label_zh, label_en = field_label(field)
    zh: dict[str, str] = {"field_zh": label_zh, "field_en": label_en}
    en = dict(zh)
    for name, value in params.items():
        value_zh, value_en = value if isinstance(value, tuple) else (value, value)
        zh[name] = mask_personal_data(str(value_zh))
        en[name] = mask_personal_data(str(value_en))
    message_en = template_en.format(**en)
    return Problem(field, code, template_zh.format(**zh), message_en[:1].upper() + message_en[1:])

