<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CalibrationDialog</name>
    <message>
        <location filename="../../ui/printing.py" line="+145"/>
        <location line="+45"/>
        <location line="+12"/>
        <location line="+3"/>
        <location line="+4"/>
        <source>套打校准</source>
        <translation>Printer calibration</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>（本机没有打印机）</source>
        <translation>(no printer on this computer)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> 毫米</source>
        <translation> mm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印测试页(&amp;T)</source>
        <translation>Print &amp;test page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存偏移(&amp;S)</source>
        <translation>&amp;Save offsets</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机：</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前偏移：</source>
        <translation>Current offsets:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>量出测试页十字中心的位置（标称：距左 %1、距上 %2 毫米）：</source>
        <translation>Measure the centre of the test page&apos;s crosshair (nominal: %1 mm from the left, %2 mm from the top):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>距纸张左边：</source>
        <translation>From the left edge of the paper:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>距纸张上边：</source>
        <translation>From the top edge of the paper:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>横向 %1 毫米，纵向 %2 毫米（向右、向下为正）</source>
        <translation>Across %1 mm, down %2 mm (right and down are positive)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机没有安装打印机，无法校准。</source>
        <translation>No printer is installed on this computer, so there is nothing to calibrate.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>偏移已保存。请再打印一张测试页核对：十字应落在标称位置上。</source>
        <translation>Offsets saved. Print another test page to check: the crosshair should now sit at its nominal place.</translation>
    </message>
</context>
<context>
    <name>CeCyclePanel</name>
    <message>
        <location filename="../../ui/ce_history.py" line="+87"/>
        <source>打印学时证明</source>
        <translation>Print CE statement</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>暂时无法统计此人已有学时。</source>
        <translation>The hours this person already has cannot be counted just now.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>据省平台的证书</source>
        <translation>from the platform&apos;s certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>据本机缓存的证书</source>
        <translation>from the certificate cached on this computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>据填写的初次领证日期</source>
        <translation>from the first issue date typed in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>据此前录入的初次领证日期</source>
        <translation>from the first issue date entered before</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本周期 %1 至 %2（初次领证日期 %3，%4）</source>
        <translation>This cycle %1 to %2 (first issued %3, %4)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>注意：填写的初次领证日期 %1 与证书记录不符，请核对纸质证书。</source>
        <translation>Note: the first issue date typed, %1, is not the one on the certificate&apos;s record; check the paper certificate.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不知道此人的初次领证日期，无法按周期统计：请在「初次领证日期」填写纸质证书上的日期。</source>
        <translation>This person&apos;s first issue date is unknown, so hours cannot be counted by cycle: type the date on the paper certificate in “First issue date”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 学时（本窗口 %3，其他窗口 %4）</source>
        <translation>%1 %2 hours (this window %3, other windows %4)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>面授</source>
        <translation>In person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>网络</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location line="-35"/>
        <source>已计入 %1 / %2 学时</source>
        <translation>%1 / %2 hours counted</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>，已满足本周期要求。</source>
        <translation>; this cycle&apos;s requirement is met.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，还差 %1 学时</source>
        <translation>; %1 hours still needed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（其中面授还差 %1 学时）</source>
        <translation> (of which %1 in person)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>据本机缓存的省平台数据（%1 读取）</source>
        <translation>from the platform&apos;s data cached on this computer (read %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>省平台数据 %1 读取</source>
        <translation>platform data read %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未连上省平台</source>
        <translation>Could not reach the platform</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在向省平台查询此人的证书和学时…</source>
        <translation>Asking the platform for this person&apos;s certificate and hours…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未设置省平台</source>
        <translation>No platform set up</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>只计本窗口录入的学时</source>
        <translation>only the hours entered at this window are counted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本窗口待上传的 %1 学时已计入</source>
        <translation>%1 hours waiting to upload from this window are counted</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n 条本窗口录入被省平台退回，未计入</source>
        <translation>
            <numerusform>%n entry from this window was sent back by the platform and is not counted</numerusform>
            <numerusform>%n entries from this window were sent back by the platform and are not counted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CeRuleForm</name>
    <message>
        <location filename="../../ui/settings_view.py" line="+113"/>
        <source>继续教育学时规则</source>
        <translation>CE hours rule</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 年</source>
        <translation>%1 years</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>周期年数</source>
        <translation>Cycle (years)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>每周期应修学时</source>
        <translation>Hours required per cycle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网络学时上限</source>
        <translation>Most online hours counted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>面授学时下限</source>
        <translation>Least in-person hours</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
</context>
<context>
    <name>CertificateChoice</name>
    <message>
        <location filename="../../ui/certificate_choice.py" line="+44"/>
        <source>打印从业资格证</source>
        <translation>Print qualification certificate</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>持证人：</source>
        <translation>Holder:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>发证 %1</source>
        <translation>issued %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>证书(&amp;C)：</source>
        <translation>&amp;Certificate:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>（本机没有打印机：预览后可另存为 PDF）</source>
        <translation>(no printer on this computer: preview, then save as PDF)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机(&amp;R)：</source>
        <translation>P&amp;rinter:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>普通纸（印出整张证书）</source>
        <translation>Plain paper (the whole certificate is printed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预印证书纸（套打：只印填写内容）</source>
        <translation>Pre-printed stock (only the values are printed)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>纸张：</source>
        <translation>Paper:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>预览(&amp;P)</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../../ui/certificate_view.py" line="+30"/>
        <source>扫码查证：%1</source>
        <translation>Certificate check: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在查找证书 %1 …</source>
        <translation>Looking up certificate %1 …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>证书编号</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>持证人</source>
        <translation>Holder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续教育</source>
        <translation>Continuing education</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>查找失败：%1</source>
        <translation>The lookup failed: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>没有找到证书 %1：平台和本机都没有它的记录。请核对纸质证书，或请持证人到发证窗口查询。</source>
        <translation>Certificate %1 was not found: neither the platform nor this window holds it. Check the paper certificate, or send the holder to the issuing window.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>注意：二维码中的校验码与平台记录不符，可能是旧证或不是平台签发的证书。请核对纸质证书。</source>
        <translation>Note: the QR code&apos;s verification code does not match the platform&apos;s; this may be an old paper or one the platform did not issue. Check the paper certificate.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已找到证书。</source>
        <translation>Certificate found.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>无法按周期统计（不知道初次领证日期）</source>
        <translation>Cannot be counted by cycle (the first issue date is unknown)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本周期 %1 至 %2，已计入 %3 / %4 学时</source>
        <translation>This cycle %1 to %2: %3 / %4 hours counted</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>，已满足本周期要求</source>
        <translation>; this cycle is complete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>，还差 %1 学时</source>
        <translation>; %1 hours missing</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>以上为省平台刚刚的答复。</source>
        <translation>As the provincial platform answered just now.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>平台暂时无法查询（%1），以上为本机保存的记录。</source>
        <translation>The platform could not be asked (%1); as kept on this window.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未设置省平台，以上为本机保存的记录。</source>
        <translation>No platform is set; as kept on this window.</translation>
    </message>
</context>
<context>
    <name>CorrectDialog</name>
    <message>
        <location filename="../../ui/record_view.py" line="+340"/>
        <source>更正记录</source>
        <translation>Correct record</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>平台退回的原因：%1</source>
        <translation>Why the platform sent it back: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>必填，例如：身份证号录错一位，已核对身份证原件</source>
        <translation>Required, e.g. one digit of the ID number was mistyped; checked against the ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更正原因(&amp;W)</source>
        <translation>Reason for the correction (&amp;W)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>省平台已接收这条记录：更正须经负责人批准，请负责人输入工号和密码。</source>
        <translation>The platform has accepted this record: a supervisor must approve the correction with their ID and password.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>批准负责人工号(&amp;A)</source>
        <translation>Approving supervisor ID (&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>负责人密码(&amp;K)</source>
        <translation>Supervisor password (&amp;K)</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <location filename="../../ui/counter.py" line="+50"/>
        <source>放卡（练习）</source>
        <translation>Place a card (practice)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>拿走证件</source>
        <translation>Take the card away</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>身份证阅读器：就绪</source>
        <translation>ID-card reader: ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证阅读器：未连接</source>
        <translation>ID-card reader: not connected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证阅读器：模拟</source>
        <translation>ID-card reader: simulated</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>读到证件，但窗口正忙（有对话框未关闭）：请关闭对话框后重放证件。</source>
        <translation>A card was read while a dialog is open: close the dialog and place the card again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>证件没有读出。</source>
        <translation>The card was not read.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>没有换人：表单保留原来的内容。</source>
        <translation>Not replaced: the form keeps what was typed.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已读入 %1 的证件。</source>
        <translation>%1&apos;s card was read.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>扫到回执号 %1，但本机没有这条记录。</source>
        <translation>Receipt %1 was scanned, but this window holds no such record.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>扫到回执号 %1，已打开记录。</source>
        <translation>Receipt %1 scanned: its record is open.</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>扫到证书二维码，正在查找证书 %1。</source>
        <translation>Certificate QR scanned: looking up certificate %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>扫到身份证号，已在查询中查找。</source>
        <translation>ID number scanned: looked up in Lookup.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已填入结业证书编号 %1。</source>
        <translation>Completion certificate number %1 filled in.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>扫到编号 %1：只有在资格证申请表（初次申领）打开时才填入结业证书编号，没有填入任何字段。</source>
        <translation>Number %1 scanned: a completion certificate number is filled in only while an application form (first issue) is open; nothing was filled in.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>扫到的条码无法识别（%1），没有填入任何字段。</source>
        <translation>The scanned code is not one the window knows (%1); nothing was filled in.</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <location filename="../../ui/entry_form.py" line="+150"/>
        <source>更正：%1（回执号 %2）</source>
        <translation>Correction: %1 (receipt %2)</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+57"/>
        <location line="+68"/>
        <source>（选填）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location line="-231"/>
        <location line="+129"/>
        <source>出生日期 / 性别</source>
        <translation>Birth date / sex</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>保存（Enter）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印回执（F9）</source>
        <translation>Print receipt (F9)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message numerus="yes">
        <location line="+202"/>
        <source>有 %n 处需要修改，请看红色提示。</source>
        <translation>
            <numerusform>%n field needs fixing; see the red notes.</numerusform>
            <numerusform>%n fields need fixing; see the red notes.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>未保存：请核对是否重复录入。</source>
        <translation>Not saved: check whether this was already entered.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>未保存，请按红色提示修改。</source>
        <translation>Not saved; fix what the red notes say.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已保存更正（第 %1 版）。回执号：%2</source>
        <translation>Correction saved (version %1). Receipt: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已保存。受理回执号：%2&#x3000;按 F9 打印回执。</source>
        <translation>Saved. Receipt number: %2&#x3000;Press F9 to print the receipt.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>放弃录入</source>
        <translation>Discard entry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清空本次已填写的内容吗？（尚未保存）</source>
        <translation>Clear what has been typed? (It is not saved.)</translation>
    </message>
</context>
<context>
    <name>EntryScreen</name>
    <message>
        <location filename="../../ui/entry_screen.py" line="+46"/>
        <source>%1 Ctrl+%2</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
</context>
<context>
    <name>FilingDialog</name>
    <message>
        <location filename="../../ui/institutions_view.py" line="+298"/>
        <source>登记继续教育机构备案</source>
        <translation>Register a CE institution filing</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>备案级别</source>
        <translation>Filing level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备案方式</source>
        <translation>Filing mode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备案日期</source>
        <translation>Filed on</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FirstSupervisorDialog</name>
    <message>
        <location filename="../../ui/login.py" line="+103"/>
        <source>首次使用：设置负责人</source>
        <translation>First use: set up the supervisor</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>这台电脑的窗口还没有任何操作员。请先设置负责人账号；负责人登录后可在“设置”中添加窗口工作人员。</source>
        <translation>This window has no operators yet. Set up the supervisor account first; once logged in, the supervisor adds the clerks under Settings.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>工号(&amp;U)</source>
        <translation>Operator ID (&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名(&amp;N)</source>
        <translation>Name (&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码(&amp;P)</source>
        <translation>Password (&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再输一次密码(&amp;R)</source>
        <translation>Password again (&amp;R)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>创建并登录</source>
        <translation>Create and log in</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>密码至少 %n 位。</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>两次输入的密码不一样，请重新输入。</source>
        <translation>The two passwords differ; type them again.</translation>
    </message>
</context>
<context>
    <name>FormCard</name>
    <message>
        <location filename="../../ui/form_card.py" line="+94"/>
        <source>（未填姓名）</source>
        <translation>(no name typed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>换成读卡的人？</source>
        <translation>Switch to the person on the card?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表单中已填了 %1 的内容，尚未保存。
换成刚读到的 %2 吗？原内容将清空。</source>
        <translation>The form holds %1&apos;s details, not yet saved.
Switch to %2, whose card was just read? What was typed will be cleared.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>长期</source>
        <translation>no end</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>读自%1：%2，有效期至 %3；住址 %4（只作核对，不保存）</source>
        <translation>Read from the %1: %2, valid until %3; address %4 (to check only, not kept)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>读自身份证，不能直接修改；确需修改时按 Delete 清除后重新输入</source>
        <translation>Read from the ID card and not typed over; to change it, press Delete to clear it, then type</translation>
    </message>
</context>
<context>
    <name>HallSetupDialog</name>
    <message>
        <location filename="../../ui/hall_setup.py" line="+22"/>
        <source>长春市南关区政务服务中心</source>
        <translation>Changchun Nanguan District Government Service Centre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长春市道路运输管理局</source>
        <translation>Changchun Road Transport Administration</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>首次使用：设置本服务大厅</source>
        <translation>First use: set up this service hall</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>录入第一条记录之前，请负责人设置本大厅。回执号带有大厅代码和窗口编号，证件和证明上印有大厅名称和发证机关；设置后可在“设置”中修改。</source>
        <translation>Before the first entry a supervisor sets up this hall. Receipt numbers carry the hall code and window number; certificates and statements name the hall and the issuing authority. They can be changed later under Settings.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>例如 %1</source>
        <translation>e.g. %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>以后再说</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>ImportScreen</name>
    <message>
        <location filename="../../ui/import_view.py" line="+154"/>
        <source>选择名单文件…（Ctrl+O）</source>
        <translation>Choose a list file… (Ctrl+O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列对应…</source>
        <translation>Columns…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认选中的疑似重复</source>
        <translation>Confirm the selected possible duplicates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出不能导入的行…</source>
        <translation>Export the rows that cannot be imported…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请选择培训机构交来的结业名单（Excel .xlsx / .xls、WPS 或 LibreOffice .ods，或 CSV）。</source>
        <translation>Choose the completion list the institution sent (Excel .xlsx / .xls, WPS or LibreOffice .ods, or CSV).</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>疑似重复（已确认）</source>
        <translation>Possible duplicate (confirmed)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>导入可导入的 %1 行</source>
        <translation>Import the %1 rows that can be imported</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>共 %1 行：</source>
        <translation>%1 rows: </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>第 %1 行：已导入，受理回执号 %2。</source>
        <translation>Row %1: imported, receipt number %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>双击单元格可以直接改正，改完立即重新检查；不能导入的行也可以导出退给培训机构。</source>
        <translation>Double-click a cell to fix it; it is checked again at once. Rows that cannot be imported can be exported and sent back to the institution.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>第 %1 行：%2</source>
        <translation>Row %1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>导入没有完成（%1）。已保存的数据没有丢失；详细信息已写入日志。</source>
        <translation>The import did not finish (%1). Nothing saved was lost; the details are in the log.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>选择结业名单</source>
        <translation>Choose a completion list</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结业名单 (*.xlsx *.xlsm *.xls *.ods *.csv);;所有文件 (*)</source>
        <translation>Completion lists (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>没有指定列对应，名单未检查。可点“列对应…”重新指定。</source>
        <translation>No columns were matched, so the list was not checked. Click &quot;Columns…&quot; to match them.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在保存列对应…</source>
        <translation>Saving the column matching…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在检查</source>
        <translation>Checking</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>编码 %1</source>
        <translation>encoding %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>工作表「%1」</source>
        <translation>sheet &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件：%1（%2，表头在第 %3 行）</source>
        <translation>File: %1 (%2, headings on row %3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；不导入的列：%1</source>
        <translation>; columns not imported: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在重新检查</source>
        <translation>Checking again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已改正第 %1 行并重新检查。</source>
        <translation>Row %1 fixed and checked again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已确认的疑似重复行会与可导入的行一起导入。</source>
        <translation>Confirmed possible duplicates are imported together with the importable rows.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在导入（一次保存，要么全部保存，要么都不保存）</source>
        <translation>Importing (one save: all rows or none)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已导入 %1 行，每行都有受理回执号。</source>
        <translation>%1 rows imported, each with its receipt number.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1-未导入.xlsx</source>
        <translation>%1-not imported.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出不能导入的行</source>
        <translation>Export the rows that cannot be imported</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已把 %1 行不能导入的行连同原因导出到 %2。</source>
        <translation>%1 rows that cannot be imported were exported with their reasons to %2.</translation>
    </message>
</context>
<context>
    <name>InstitutionsScreen</name>
    <message>
        <location filename="../../ui/institutions_view.py" line="-230"/>
        <source>完整</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⚠ 缺：%1</source>
        <translation>⚠ Missing: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>公示信息不全。%1</source>
        <translation>Public listing incomplete. %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>按名称、代码或地址筛选</source>
        <translation>Filter by name, code or address</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部类别</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>需要核对（公示不全或备案不符）</source>
        <translation>To check (listing incomplete or filing against the rule)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>从平台更新(&amp;U)</source>
        <translation>Update from platform (&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记继续教育机构备案(&amp;N)</source>
        <translation>Register CE filing (&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印备案申请表(&amp;P)</source>
        <translation>Print filing form (&amp;P)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>登记备案需要负责人登录</source>
        <translation>Registering a filing needs a supervisor</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>共 %1 个机构</source>
        <translation>%1 institutions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>显示 %1 个（共 %2 个）</source>
        <translation>%1 shown (of %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>名录 %1 从平台更新</source>
        <translation>Registry refreshed from the platform %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名录还没有从平台更新过</source>
        <translation>Registry never refreshed from the platform</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>正在从平台更新机构名录…</source>
        <translation>Updating the registry from the platform…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本次更新了 %1 个机构。</source>
        <translation>%1 institutions changed by this refresh.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请先在列表中选中一个继续教育机构。</source>
        <translation>Select a CE institution in the list first.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="-95"/>
        <source>窗口已锁定</source>
        <translation>Window locked</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+29"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>道路运输从业资格窗口客户端</source>
        <translation>Road Transport Qualification Window Client</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>培训模式：练习用数据库，不影响正式数据</source>
        <translation>Training mode: a practice database, real data is not touched</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>长时间无操作，窗口已锁定。请重新输入密码，或换人登录。</source>
        <translation>The window locked itself after a while without use. Type the password again, or log in as someone else.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>窗口已锁定。请重新输入密码，或换人登录。</source>
        <translation>The window is locked. Type your password again, or log in as someone else.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>例如 clerk01</source>
        <translation>e.g. clerk01</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>工号(&amp;U)</source>
        <translation>Operator ID (&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码(&amp;P)</source>
        <translation>Password (&amp;P)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>关闭程序</source>
        <translation>Close the program</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请输入工号和密码。</source>
        <translation>Type operator ID and password.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>工号或密码不正确，请重新输入。忘记密码请找负责人。</source>
        <translation>Wrong operator ID or password; try again. A supervisor can reset a forgotten password.</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <location filename="../../ui/lookup.py" line="+87"/>
        <source>身份证号、姓名、证书编号或回执号，按 Enter 查找</source>
        <translation>ID number, name, certificate or receipt number, then Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扫描回执条码直接打开记录</source>
        <translation>Scanning a receipt barcode opens the record at once</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>查找(&amp;F)</source>
        <translation>Find (&amp;F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>全部类别</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印从业资格证</source>
        <translation>Print qualification certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印学时证明</source>
        <translation>Print CE statement</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>显示完整身份证号(&amp;I)</source>
        <translation>Show full &amp;ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列表中的身份证号只显示前后四位；选中一条后按此显示完整号码</source>
        <translation>The list shows only the first and last four digits of ID numbers; select a row and press this to see the whole number</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>共 %1 条记录（最新的在前）</source>
        <translation>%1 records (newest first)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>没有找到。请核对输入；姓名可只输入前几个字。</source>
        <translation>Nothing found. Check what you typed; for a name the first characters are enough.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>找到 %1 条。选中后按 Enter 查看详情。</source>
        <translation>%1 found. Select one and press Enter to see it.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>请先选中一条记录。</source>
        <translation>Select a record first.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 的身份证号：%2</source>
        <translation>ID number of %1: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请先选中一条记录，或在查找框输入身份证号。</source>
        <translation>Select a record first, or type an ID number in the search box.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+104"/>
        <source>道路运输从业资格窗口客户端</source>
        <translation>Road Transport Qualification Window Client</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>【培训模式】</source>
        <translation>[TRAINING MODE]</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>培训模式：练习用数据库和练习平台，录入的内容不是正式数据，不会上报</source>
        <translation>Training mode: practice database and practice platform; nothing entered here is real or reported</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>快捷键（F1）</source>
        <translation>Shortcuts (F1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>锁定（Ctrl+L）</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>录入</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查询</source>
        <translation>Lookup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>被退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上传</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>机构名录</source>
        <translation>Institutions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入名单</source>
        <translation>Import list</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>窗口工作人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前操作员：%1（工号 %2，%3）</source>
        <translation>Working: %1 (ID %2, %3)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Ctrl+1 … Ctrl+4&#x3000;录入时切换登记类别</source>
        <translation>Ctrl+1 … Ctrl+4&#x3000;switch the kind of entry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter&#x3000;保存；Esc&#x3000;取消</source>
        <translation>Enter&#x3000;save; Esc&#x3000;cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt+A&#x3000;继续教育：加入一条学时；Delete&#x3000;删除选中的学时</source>
        <translation>Alt+A&#x3000;CE: add a session; Delete&#x3000;remove the selected session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F9&#x3000;打印回执</source>
        <translation>F9&#x3000;print the receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+E&#x3000;更正记录；Ctrl+D&#x3000;作废记录（需负责人）</source>
        <translation>Ctrl+E&#x3000;correct a record; Ctrl+D&#x3000;void a record (supervisor)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+U&#x3000;立即上传；Ctrl+Shift+U&#x3000;日终上传</source>
        <translation>Ctrl+U&#x3000;upload now; Ctrl+Shift+U&#x3000;end-of-day upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+L&#x3000;锁定窗口</source>
        <translation>Ctrl+L&#x3000;lock the window</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>快捷键</source>
        <translation>Shortcuts</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../ui/import_mapping.py" line="+24"/>
        <source>指定列对应</source>
        <translation>Match the columns</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请为表格的每一列选择它对应的内容；不需要的列选“不导入”。确定后，本机会记住这家机构的表头，下次导入同样的表格不再询问。</source>
        <translation>For each column of the table choose what it holds; choose &quot;Not imported&quot; for columns not needed. This computer then remembers the headings, and the same table is not asked about again.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>不导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（选填）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>还没有对应的必填项：%1</source>
        <translation>Required items not matched yet: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>这些内容选给了不止一列：%1</source>
        <translation>Chosen for more than one column: %1</translation>
    </message>
</context>
<context>
    <name>NearDuplicateDialog</name>
    <message>
        <location filename="../../ui/duplicate_dialog.py" line="+30"/>
        <source>可能重复录入</source>
        <translation>Possibly entered twice</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>查看较早的记录(&amp;O)</source>
        <translation>Open the earlier rec&amp;ord</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>仍然保存(&amp;Y)</source>
        <translation>Save an&amp;yway</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回核对(&amp;N)</source>
        <translation>&amp;No, go back and check</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>今天</source>
        <translation>today</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>昨天</source>
        <translation>yesterday</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n 天前</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>较早的一条：%1&#x3000;回执号 %2&#x3000;录入人 %3&#x3000;录入于 %4（%5）</source>
        <translation>The earlier one: %1&#x3000;receipt no. %2&#x3000;entered by %3&#x3000;on %4 (%5)</translation>
    </message>
</context>
<context>
    <name>OperatorsPanel</name>
    <message>
        <location filename="../../ui/operators_panel.py" line="+42"/>
        <source>操作员</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+34"/>
        <source>工号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+35"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+36"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>新密码，至少 %1 位</source>
        <translation>New password, at least %1 characters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重设所选操作员的密码</source>
        <translation>Reset the selected operator&apos;s password</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+63"/>
        <source>停用所选操作员</source>
        <translation>Disable the selected operator</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>添加操作员</source>
        <translation>Add an operator</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+29"/>
        <source>窗口工作人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+28"/>
        <source>负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>至少 %1 位</source>
        <translation>at least %1 characters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>初始密码</source>
        <translation>First password</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>启用所选操作员</source>
        <translation>Enable the selected operator</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>已添加操作员 %1。</source>
        <translation>Operator %1 added.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+13"/>
        <source>请先在列表中选中一位操作员。</source>
        <translation>Select an operator in the list first.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>已为 %1 设置新密码，请当面告诉本人。</source>
        <translation>A new password is set for %1; tell them in person.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已启用 %1。</source>
        <translation>%1 enabled.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用 %1，此工号不能再登录。</source>
        <translation>%1 disabled; this ID can no longer log in.</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ui/printing.py" line="-143"/>
        <source>打印预览 — %1</source>
        <translation>Print preview — %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>（本机没有打印机）</source>
        <translation>(no printer on this computer)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>页面已按这台打印机的套打偏移排好；换打印机请重新打印</source>
        <translation>The page is already laid out with this printer&apos;s calibrated offsets; to use another printer, print again</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>共 %n 页</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&#x3000;补打（第%1次）</source>
        <translation>&#x3000;Reprint (no. %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机没有安装打印机，可另存为 PDF</source>
        <translation>No printer is installed on this computer; save as PDF instead</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>另存为 PDF(&amp;S)</source>
        <translation>&amp;Save as PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>打印机：</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+9"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法保存到「%1」（%2）。请换一个文件夹。</source>
        <translation>Cannot save to “%1” (%2). Please choose another folder.</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../ui/import_view.py" line="-315"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>单元格</source>
        <translation>Cell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ReaderPanel</name>
    <message>
        <location filename="../../ui/reader_settings.py" line="+44"/>
        <source>无阅读器</source>
        <translation>No reader</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证阅读器（厂家 sdtapi 驱动）</source>
        <translation>ID-card reader (vendor&apos;s sdtapi driver)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>模拟（练习卡或卡片文件夹）</source>
        <translation>Simulated (practice cards or a folder of cards)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>身份证阅读器与扫码</source>
        <translation>ID-card reader and scanning</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>测试阅读器(&amp;T)</source>
        <translation>&amp;Test the reader</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>未选择阅读器。</source>
        <translation>No reader chosen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在查找阅读器…</source>
        <translation>Looking for the reader…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>阅读器已连接（端口 %1）。</source>
        <translation>The reader answered (port %1). </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>模拟阅读器可用。</source>
        <translation>The simulated reader works. </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>阅读器上没有证件；放上证件再测一次可试读。</source>
        <translation>No card on the reader; place a card and test again to try a read.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>读到 %1 的证件。</source>
        <translation>Read %1&apos;s card.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>测试没有完成：%1</source>
        <translation>The test did not finish: %1</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../ui/record_view.py" line="-227"/>
        <source>记录详情</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>各版本对照</source>
        <translation>Versions side by side</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审计记录</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印记录</source>
        <translation>Prints</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>更正（Ctrl+E）</source>
        <translation>Correct (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作废（Ctrl+D）</source>
        <translation>Void (Ctrl+D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印回执（F9）</source>
        <translation>Print receipt (F9)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关闭（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>找不到这条记录。</source>
        <translation>This record cannot be found.</translation>
    </message>
    <message>
        <location line="-86"/>
        <location line="+91"/>
        <source>回执号 %1</source>
        <translation>Receipt no. %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当前第 %1 版&#x3000;状态：%2&#x3000;录入：%3 %4</source>
        <translation>Version %1&#x3000;State: %2&#x3000;Entered: %3 %4</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+40"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="-190"/>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>录入</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+181"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>原因：%1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>改了：%1</source>
        <translation>Changed: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+20"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="-18"/>
        <source>批准：%1</source>
        <translation>Approved by %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已确认疑似重复</source>
        <translation>Possible duplicate confirmed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>读自身份证：%1</source>
        <translation>Read from the ID card: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1，第 %2 次补打</source>
        <translation>%1, reprint %2</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>打印从业资格证</source>
        <translation>Print qualification certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印学时证明</source>
        <translation>Print CE statement</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>录入时间</source>
        <translation>Entered at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读自身份证</source>
        <translation>Read from the ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上传状态</source>
        <translation>Upload state</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台答复</source>
        <translation>Platform&apos;s answer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>第 %1 版</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>与上一版不同</source>
        <translation>Differs from the previous version</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+17"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+17"/>
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>文件</source>
        <translation>Document</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>补打次数</source>
        <translation>Reprint no.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>打印记录（%1）</source>
        <translation>Prints (%1)</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <location filename="../../ui/recovery.py" line="+39"/>
        <location line="+41"/>
        <source>数据库恢复码</source>
        <translation>Database recovery code</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>本窗口的数据在电脑上加密保存，密钥在本电脑的系统钥匙串中。换电脑、重装系统或钥匙串丢失后，只有下面的恢复码能再打开数据。它只显示这一次：请打印纸条（或工整抄写），放进大厅的保险柜。</source>
        <translation>This window&apos;s data is kept encrypted on this PC, with its key in this PC&apos;s keyring. On a new PC, after a reinstall or if the keyring is lost, only the recovery code below opens the data again. It is shown only this once: print the slip (or copy it neatly) and keep it in the hall&apos;s safe.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>没有密钥也没有恢复码时，数据和用同一密钥做的备份都无法读取，任何人都帮不了。生成新恢复码后旧的即作废。</source>
        <translation>Without the key and without the recovery code, nobody can read the data or the backups made with the same key. A new recovery code makes the old one useless.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印恢复码纸条(&amp;P)…</source>
        <translation>&amp;Print the recovery slip…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>我已打印或抄下恢复码，会放进保险柜(&amp;K)</source>
        <translation>I printed or copied the code and will &amp;keep it in the safe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>继续(&amp;C)</source>
        <translation>&amp;Continue</translation>
    </message>
</context>
<context>
    <name>RejectedScreen</name>
    <message>
        <location filename="../../ui/rejected.py" line="+99"/>
        <source>更正（Ctrl+E）</source>
        <translation>Correct (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开（Enter）</source>
        <translation>Open (Enter)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>共 %1 条被平台退回。选中后按 Enter 打开，按 Ctrl+E 更正；保存更正后会自动重新上传。</source>
        <translation>%1 rejected by the platform. Select one, press Enter to open it and Ctrl+E to correct it; a saved correction is uploaded again by itself.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>没有被退回的记录。</source>
        <translation>No rejected records.</translation>
    </message>
</context>
<context>
    <name>SessionsEditor</name>
    <message>
        <location filename="../../ui/ce_sessions.py" line="+63"/>
        <location line="+13"/>
        <source>课程名称</source>
        <translation>Course</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>学时，如 4 或 2.5</source>
        <translation>Hours, e.g. 4 or 2.5</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+12"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>加入本条(&amp;A)</source>
        <translation>Add session (&amp;A)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>本次共 %1 条，%2 学时（面授 %3，网络 %4）</source>
        <translation>This entry: %1 sessions, %2 hours (in person %3, online %4)</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/settings_view.py" line="-58"/>
        <source>开</source>
        <translation>on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关</source>
        <translation>off</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>窗口设置</source>
        <translation>Window settings</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>保存设置(&amp;S)</source>
        <translation>Save settings (&amp;S)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>窗口账号密钥（只保存在本机系统钥匙串中）</source>
        <translation>Window account secret (kept only in this computer&apos;s system keyring)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>平台发放的窗口账号密钥</source>
        <translation>The window account secret issued by the platform</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+87"/>
        <source>保存密钥</source>
        <translation>Save secret</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>打印机</source>
        <translation>Printers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>套打校准…</source>
        <translation>Calibrate stock printing…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格证等套打纸的打印位置偏移，按打印机分别校准。</source>
        <translation>Offsets for printing on pre-printed stock (certificates), calibrated per printer.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>只有负责人可以修改设置。</source>
        <translation>Only a supervisor can change settings.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>已保存 %1 项设置。</source>
        <translation>%1 settings saved.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>界面语言在下次启动时生效。</source>
        <translation> The interface language changes at the next start.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>密钥已保存到本机系统钥匙串。</source>
        <translation>The secret is kept in this computer&apos;s system keyring.</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../../ui/status_panel.py" line="+31"/>
        <source>培训模式</source>
        <translation>Training mode</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>窗口工作人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前操作员：%1（%2）</source>
        <translation>Working: %1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>状态暂时无法读取</source>
        <translation>Status cannot be read right now</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>● 未连接平台</source>
        <translation>● No platform set up</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>● 在线</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>● 离线（录入照常，联网后自动上传）</source>
        <translation>● Offline (entry works; uploads when back online)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>● 大厅代码与平台不符（平台：%1，本窗口：%2），暂停上传</source>
        <translation>● Hall code differs from the platform&apos;s (platform: %1, this window: %2): uploads wait</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>待上传 %1&#x3000;上传中 %2</source>
        <translation>Pending %1   Sending %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>被退回 %1</source>
        <translation>Rejected %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>上次上传：%1</source>
        <translation>Last upload: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>尚无</source>
        <translation>none yet</translation>
    </message>
</context>
<context>
    <name>TodayList</name>
    <message>
        <location filename="../../ui/today_list.py" line="+65"/>
        <source>今天本窗口录入</source>
        <translation>Today at this window</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>回执尾号</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>今天本窗口录入（%1 条）</source>
        <translation>Today at this window (%1)</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/recovery.py" line="+48"/>
        <source>需要数据库恢复码</source>
        <translation>Database recovery code needed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>数据目录：%1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>恢复码（40 位数字，可带空格）(&amp;R)</source>
        <translation>&amp;Recovery code (40 digits, spaces allowed)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>解锁(&amp;U)</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>UploadDialog</name>
    <message>
        <location filename="../../ui/upload_view.py" line="+102"/>
        <source>日终上传</source>
        <translation>End-of-day upload</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>立即上传</source>
        <translation>Upload now</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>取消上传（Esc）</source>
        <translation>Cancel upload (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印日终对账单(&amp;P)</source>
        <translation>Print day report (&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>正在停止：等这一批的结果回来…</source>
        <translation>Stopping: waiting for the batch in flight…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>发送 %1 条：平台接收 %2 条，退回 %3 条，结果未知 %4 条；仍待上传 %5 条。</source>
        <translation>Sent %1: accepted %2, rejected %3, unknown %4; still pending %5.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>上传中途停止：</source>
        <translation>The upload stopped: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>结果未知的记录会在下次上传时向平台核对，不会重复上报。</source>
        <translation>Records with an unknown result are checked with the platform at the next upload; nothing is reported twice.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上传结束</source>
        <translation>Upload finished</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 %2：%3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>被退回（请在“被退回”中更正）：</source>
        <translation>Rejected (correct them under Rejected):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>
……另有 %1 条</source>
        <translation>
… and %1 more</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>上传没有完成</source>
        <translation>The upload did not finish</translation>
    </message>
</context>
<context>
    <name>UploadScreen</name>
    <message>
        <location line="+67"/>
        <source>录入的记录先保存在本机，联网时每分钟自动上传（可在设置中关闭）。下班前请做日终上传：上传全部待传记录，核对结果，并打印日终对账单。</source>
        <translation>Entries are kept on this computer first and uploaded every minute while online (this can be turned off in Settings). Before leaving, run the end-of-day upload: it sends everything pending, checks the results and prints the day report.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>立即上传（Ctrl+U）</source>
        <translation>Upload now (Ctrl+U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日终上传（Ctrl+Shift+U）</source>
        <translation>End-of-day upload (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消正在进行的上传</source>
        <translation>Cancel the running upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印今日对账单</source>
        <translation>Print today&apos;s report</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>省平台</source>
        <translation>Provincial platform</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>平台地址</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口账号</source>
        <translation>Window account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务大厅</source>
        <translation>Service hall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时钟</source>
        <translation>Clock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上次上传</source>
        <translation>Last upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>机构名录</source>
        <translation>Institution registry</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机记录（按类别和上传状态）</source>
        <translation>Records on this computer (by kind and upload state)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>上传记录（最新的在前）</source>
        <translation>Uploads (newest first)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>未设置</source>
        <translation>not set</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>，窗口 %1</source>
        <translation>, window %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（平台登记的是 %1，改正前暂停上传）</source>
        <translation> (the platform has %1 on record; uploads wait until this is put right)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>还没有上传过</source>
        <translation>no upload yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 更新</source>
        <translation>updated %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还没有从平台更新过</source>
        <translation>never updated from the platform</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>还没有与平台对过时</source>
        <translation>not compared with the platform&apos;s clock yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>与平台相差不到 1 秒</source>
        <translation>within 1 second of the platform</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机比平台慢 %1 秒</source>
        <translation>this computer is %1 s behind the platform</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本机比平台快 %1 秒</source>
        <translation>this computer is %1 s ahead of the platform</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>：请校准电脑的日期和时间</source>
        <translation>: set the computer&apos;s date and time right</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>日终上传</source>
        <translation>End of day</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>立即/自动</source>
        <translation>Now / automatic</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已发完，%1 条被退回</source>
        <translation>All sent, %1 rejected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；%1 条结果未知</source>
        <translation>; %1 outcome unknown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（%1 次，至 %2）</source>
        <translation> (%1 tries, until %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>；%1 条暂缓</source>
        <translation>; %1 held back</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>上次上传（%1）没有完成：</source>
        <translation>The last upload (%1) did not finish: </translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../ui/record_view.py" line="+101"/>
        <source>作废记录</source>
        <translation>Void record</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>作废：%1&#x3000;%2&#x3000;%3</source>
        <translation>Void: %1&#x3000;%2&#x3000;%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>回执号 %1</source>
        <translation>Receipt no. %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>作废后这条记录不再有效（仍保留全部历史），并会上报平台。需要负责人确认。</source>
        <translation>A voided record is no longer valid (its whole history is kept) and the void is reported to the platform. A supervisor must confirm.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>例如：重复录入；证书编号录错且已另行录入</source>
        <translation>e.g. entered twice; wrong certificate number, entered again separately</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>负责人工号(&amp;S)</source>
        <translation>Supervisor ID (&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>负责人密码(&amp;P)</source>
        <translation>Supervisor password (&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作废原因(&amp;R)</source>
        <translation>Reason (&amp;R)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>确认作废</source>
        <translation>Void it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="+49"/>
        <source>数据库有问题</source>
        <translation>Database problem</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>首次启动本版本：正在把数据库及其备份转换为加密格式，请稍候…</source>
        <translation>First start of this version: encrypting the database and its backups, please wait…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>加密数据</source>
        <translation>Encrypting the data</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+23"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../ui/chain_alert.py" line="+47"/>
        <source>审计记录与省平台不一致</source>
        <translation>The audit trail differs from the platform&apos;s record</translation>
    </message>
</context>
<context>
    <name>print_actions</name>
    <message>
        <location filename="../../ui/print_actions.py" line="+34"/>
        <source>文件生成失败，请重试；如仍失败请联系技术支持（详情见日志）。</source>
        <translation>The document could not be made; try again, and call support if it fails again (details in the log).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>打印从业资格证</source>
        <translation>Print qualification certificate</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>本机和省平台都没有此人的从业资格证，请核对身份证号。</source>
        <translation>Neither this computer nor the platform has a qualification certificate for this person; check the ID number.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机没有此人的从业资格证，省平台也查询不到。请联网后再试。</source>
        <translation>This window holds no certificate of this person, and the platform could not be asked. Try again when online.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未连上省平台：以下是本机保存的证书。</source>
        <translation>The platform could not be reached: these are the certificates kept at this window.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>暂时无法查找此人的从业资格证，请重试。</source>
        <translation>This person&apos;s qualification certificate cannot be looked up just now; try again.</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../ui/printing.py" line="-84"/>
        <source>默认打印机</source>
        <translation>default printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到打印机「%1」。请在系统中安装或选择其他打印机。</source>
        <translation>Printer “%1” not found. Install it in the system or choose another printer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>打印机「%1」没有接受打印任务。请检查打印机是否开机、有纸，然后重试。</source>
        <translation>Printer “%1” did not accept the job. Check that it is switched on and has paper, then try again.</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <location filename="../../ui/recovery.py" line="-39"/>
        <source>还没有数据库恢复码</source>
        <translation>No database recovery code yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本窗口的数据已加密保存，但还没有生成数据库恢复码：本电脑的系统钥匙串一旦丢失，数据将无法读取。现在生成恢复码并打印纸条吗？</source>
        <translation>This window&apos;s data is encrypted, but no recovery code was issued yet: if this PC&apos;s keyring is lost, the data cannot be read. Issue a recovery code and print its slip now?</translation>
    </message>
</context>
<context>
    <name>rejected</name>
    <message>
        <location filename="../../ui/rejected.py" line="-90"/>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <location filename="../../ui/entry_fields.py" line="+75"/>
        <source>18 位，末位可为 X</source>
        <translation>18 characters, the last may be X</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>11 位手机号，可不填</source>
        <translation>11-digit mobile number, optional</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>如 2026-11-20，也可输入 20261120</source>
        <translation>e.g. 2026-11-20, or 20261120</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输入机构名称或代码查找</source>
        <translation>Type part of the name or code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一般即身份证号</source>
        <translation>usually the ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>机构（名称或代码）</source>
        <translation>Institution (name or code)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸质证书上的日期，如 2010-05-20</source>
        <translation>Date on the paper certificate, e.g. 2010-05-20</translation>
    </message>
    <message>
        <location filename="../../ui/entry_form.py" line="-476"/>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../../ui/institutions_view.py" line="-235"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/record_model.py" line="+47"/>
        <location filename="../../ui/rejected.py" line="+14"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公示信息</source>
        <translation>Listing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备案级别</source>
        <translation>Filing level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备案方式</source>
        <translation>Filing mode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备案日期</source>
        <translation>Filed on</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>培训规模</source>
        <translation>Training capacity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报名方式</source>
        <translation>How to enrol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>监督电话</source>
        <translation>Complaints phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>培训车型</source>
        <translation>Vehicle classes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未备案</source>
        <translation>Not filed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>驾培</source>
        <translation>Driving</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续教育</source>
        <translation>CE</translation>
    </message>
    <message>
        <location line="+231"/>
        <source>机构代码</source>
        <translation>Institution code</translation>
    </message>
    <message>
        <location line="-243"/>
        <source>备案编号</source>
        <translation>Filing no.</translation>
    </message>
    <message>
        <location filename="../../ui/record_model.py" line="-1"/>
        <location filename="../../ui/rejected.py" line="+0"/>
        <source>回执号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/rejected.py" line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/rejected.py" line="+0"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上传状态</source>
        <translation>Upload state</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>录入时间</source>
        <translation>Entered at</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/rejected.py" line="+0"/>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已作废 · %1</source>
        <translation>voided · %1</translation>
    </message>
    <message>
        <location filename="../../ui/record_view.py" line="-391"/>
        <location line="+1"/>
        <source>录入</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上传</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 学时</source>
        <translation>%1 hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1～%2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../../ui/upload_view.py" line="-378"/>
        <source>正在登录平台</source>
        <translation>Logging in to the platform</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在发送</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在核对结果</source>
        <translation>Checking results</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>全部完成</source>
        <translation>All done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>仍有待传</source>
        <translation>Some still pending</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>连不上平台</source>
        <translation>Platform unreachable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未设置平台</source>
        <translation>No platform set up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>大厅代码不符</source>
        <translation>Hall code differs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>接收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>中途停止</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../ui/certificate_choice.py" line="-53"/>
        <location filename="../../ui/certificate_view.py" line="-105"/>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂扣</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>吊销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../ui/rejected.py" line="-1"/>
        <source>退回时间</source>
        <translation>Rejected at</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>平台退回原因</source>
        <translation>Platform&apos;s reasons for rejecting</translation>
    </message>
    <message>
        <location filename="../../ui/certificate_view.py" line="+1"/>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已注销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已暂扣</source>
        <translation>Suspended</translation>
    </message>
</context>
</TS>
