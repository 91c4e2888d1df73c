<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>words</name>
    <message>
      <source>JSON 内容</source>
      <translation>JSON content</translation>
    </message>
    <message>
      <source>一次报名、一次培训、一次考核（驾驶证与从业资格一并培训）</source>
      <translation>One enrolment, training and test (licence and qualification together)</translation>
    </message>
    <message>
      <source>三轮汽车</source>
      <translation>Three-wheeled vehicle</translation>
    </message>
    <message>
      <source>上传中</source>
      <translation>Sending</translation>
    </message>
    <message>
      <source>不能导入</source>
      <translation>Refused</translation>
    </message>
    <message>
      <source>中型客车</source>
      <translation>Medium bus</translation>
    </message>
    <message>
      <source>从业类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>从业资格证</source>
      <translation>Qualification certificate</translation>
    </message>
    <message>
      <source>从业资格证号</source>
      <translation>Qualification certificate number</translation>
    </message>
    <message>
      <source>从业资格证申领</source>
      <translation>Qualification application</translation>
    </message>
    <message>
      <source>低速载货汽车</source>
      <translation>Low-speed truck</translation>
    </message>
    <message>
      <source>作废原因</source>
      <translation>Reason for voiding</translation>
    </message>
    <message>
      <source>准驾车型</source>
      <translation>Licence class</translation>
    </message>
    <message>
      <source>初次申领</source>
      <translation>First issue</translation>
    </message>
    <message>
      <source>初次申领从业资格证的年龄上限（周岁）</source>
      <translation>Age limit for a first qualification certificate (years)</translation>
    </message>
    <message>
      <source>初次领证日期</source>
      <translation>First issue date</translation>
    </message>
    <message>
      <source>原从业资格证号</source>
      <translation>Previous certificate number</translation>
    </message>
    <message>
      <source>县级</source>
      <translation>County</translation>
    </message>
    <message>
      <source>参加考试未合格</source>
      <translation>Took the test, failed</translation>
    </message>
    <message>
      <source>发证机关</source>
      <translation>Issuing authority</translation>
    </message>
    <message>
      <source>受理回执</source>
      <translation>Receipt</translation>
    </message>
    <message>
      <source>可导入</source>
      <translation>Ready</translation>
    </message>
    <message>
      <source>各打印机套打偏移（毫米）</source>
      <translation>Printer offsets for pre-printed stock (mm)</translation>
    </message>
    <message>
      <source>咨询电话（印在回执上）</source>
      <translation>Enquiry phone (printed on receipts)</translation>
    </message>
    <message>
      <source>城市公交车</source>
      <translation>City bus</translation>
    </message>
    <message>
      <source>培训开始日期</source>
      <translation>Training start date</translation>
    </message>
    <message>
      <source>培训类型</source>
      <translation>Training scope</translation>
    </message>
    <message>
      <source>培训结业信息</source>
      <translation>Training completion</translation>
    </message>
    <message>
      <source>培训结束日期</source>
      <translation>Training end date</translation>
    </message>
    <message>
      <source>备案申请表</source>
      <translation>Filing form</translation>
    </message>
    <message>
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>外国人永久居留身份证</source>
      <translation>Foreigner's permanent residence card</translation>
    </message>
    <message>
      <source>大型客车</source>
      <translation>Large bus</translation>
    </message>
    <message>
      <source>大型货车</source>
      <translation>Large truck</translation>
    </message>
    <message>
      <source>套打校准测试页</source>
      <translation>Calibration test page</translation>
    </message>
    <message>
      <source>学习方式</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>学习记录</source>
      <translation>Session</translation>
    </message>
    <message>
      <source>学时</source>
      <translation>Hours</translation>
    </message>
    <message>
      <source>客运</source>
      <translation>Passenger</translation>
    </message>
    <message>
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>小型汽车</source>
      <translation>Small car</translation>
    </message>
    <message>
      <source>小型自动挡汽车</source>
      <translation>Small automatic car</translation>
    </message>
    <message>
      <source>居民身份证</source>
      <translation>Resident ID card</translation>
    </message>
    <message>
      <source>工号</source>
      <translation>Operator ID</translation>
    </message>
    <message>
      <source>已导入</source>
      <translation>Imported</translation>
    </message>
    <message>
      <source>已录入过</source>
      <translation>Already there</translation>
    </message>
    <message>
      <source>已报名未参加考试</source>
      <translation>Registered, did not take the test</translation>
    </message>
    <message>
      <source>已接收</source>
      <translation>Accepted</translation>
    </message>
    <message>
      <source>已有驾驶证，仅培训从业资格</source>
      <translation>Has a licence; qualification training only</translation>
    </message>
    <message>
      <source>市级</source>
      <translation>City</translation>
    </message>
    <message>
      <source>开始日期</source>
      <translation>Start date</translation>
    </message>
    <message>
      <source>待上传</source>
      <translation>Pending</translation>
    </message>
    <message>
      <source>情形</source>
      <translation>Situation</translation>
    </message>
    <message>
      <source>手机号码</source>
      <translation>Mobile number</translation>
    </message>
    <message>
      <source>换证</source>
      <translation>Renewal</translation>
    </message>
    <message>
      <source>撤销</source>
      <translation>Revoked</translation>
    </message>
    <message>
      <source>无操作自动锁定（分钟）</source>
      <translation>Lock after idle (minutes)</translation>
    </message>
    <message>
      <source>无轨电车</source>
      <translation>Trolleybus</translation>
    </message>
    <message>
      <source>日终对账单</source>
      <translation>Day report</translation>
    </message>
    <message>
      <source>普通三轮摩托车</source>
      <translation>Three-wheeled motorcycle</translation>
    </message>
    <message>
      <source>普通二轮摩托车</source>
      <translation>Two-wheeled motorcycle</translation>
    </message>
    <message>
      <source>暂停</source>
      <translation>Suspended</translation>
    </message>
    <message>
      <source>更正原因</source>
      <translation>Reason for the correction</translation>
    </message>
    <message>
      <source>有轨电车</source>
      <translation>Tram</translation>
    </message>
    <message>
      <source>服务大厅代码</source>
      <translation>Service hall code</translation>
    </message>
    <message>
      <source>服务大厅名称</source>
      <translation>Service hall name</translation>
    </message>
    <message>
      <source>本大厅 CA 证书文件（留空用系统证书）</source>
      <translation>The hall's CA certificate file (empty: the system's certificates)</translation>
    </message>
    <message>
      <source>模拟卡文件夹（留空用练习卡）</source>
      <translation>Folder of simulated cards (empty: the practice cards)</translation>
    </message>
    <message>
      <source>正常</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>残疾人专用小型自动挡载客汽车</source>
      <translation>Small automatic car for disabled drivers</translation>
    </message>
    <message>
      <source>每批上传条数（最多 500）</source>
      <translation>Records per upload batch (at most 500)</translation>
    </message>
    <message>
      <source>港澳台居民居住证</source>
      <translation>Hong Kong, Macau and Taiwan residence permit</translation>
    </message>
    <message>
      <source>申领类型</source>
      <translation>Kind of request</translation>
    </message>
    <message>
      <source>电子证照二维码格式（正则表达式，含 certificate_no 分组；留空不识别）</source>
      <translation>E-certificate QR pattern (regular expression with a certificate_no group; empty: none)</translation>
    </message>
    <message>
      <source>界面语言</source>
      <translation>Interface language</translation>
    </message>
    <message>
      <source>疑似重复待确认</source>
      <translation>Likely duplicate, to confirm</translation>
    </message>
    <message>
      <source>登记类别</source>
      <translation>Kind of record</translation>
    </message>
    <message>
      <source>省平台地址（https://…；http 仅限本机练习平台）</source>
      <translation>Provincial platform address (https://…; http only for the local practice platform)</translation>
    </message>
    <message>
      <source>省级</source>
      <translation>Provincial</translation>
    </message>
    <message>
      <source>窗口编号</source>
      <translation>Window number</translation>
    </message>
    <message>
      <source>窗口账号（密钥只存在系统钥匙串中）</source>
      <translation>Window account (its secret stays in the system keyring)</translation>
    </message>
    <message>
      <source>线下</source>
      <translation>In person</translation>
    </message>
    <message>
      <source>结业考核日期</source>
      <translation>Assessment date</translation>
    </message>
    <message>
      <source>结业证书编号</source>
      <translation>Completion certificate number</translation>
    </message>
    <message>
      <source>结束日期</source>
      <translation>End date</translation>
    </message>
    <message>
      <source>继续教育培训机构</source>
      <translation>continuing-education institution</translation>
    </message>
    <message>
      <source>继续教育学时</source>
      <translation>CE hours</translation>
    </message>
    <message>
      <source>继续教育学时规则</source>
      <translation>CE hours rule</translation>
    </message>
    <message>
      <source>继续教育学时证明</source>
      <translation>CE hours statement</translation>
    </message>
    <message>
      <source>网络</source>
      <translation>Online</translation>
    </message>
    <message>
      <source>考试合格未领证</source>
      <translation>Passed, certificate not collected</translation>
    </message>
    <message>
      <source>考试或报名日期</source>
      <translation>Exam or registration date</translation>
    </message>
    <message>
      <source>联网时自动上传</source>
      <translation>Upload automatically when online</translation>
    </message>
    <message>
      <source>补发</source>
      <translation>Reissue</translation>
    </message>
    <message>
      <source>被退回</source>
      <translation>Rejected</translation>
    </message>
    <message>
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>记录编号</source>
      <translation>Record ID</translation>
    </message>
    <message>
      <source>证件照片解码库位置（留空不显示照片）</source>
      <translation>Photo decoder library (empty: no photo)</translation>
    </message>
    <message>
      <source>课程名称</source>
      <translation>Course</translation>
    </message>
    <message>
      <source>货运</source>
      <translation>Freight</translation>
    </message>
    <message>
      <source>资格证用预印证书纸（只打印填写内容）</source>
      <translation>Certificates on pre-printed stock (print the values only)</translation>
    </message>
    <message>
      <source>身份证阅读器</source>
      <translation>ID-card reader</translation>
    </message>
    <message>
      <source>轮式专用机械车</source>
      <translation>Wheeled special machinery</translation>
    </message>
    <message>
      <source>轻便摩托车</source>
      <translation>Moped</translation>
    </message>
    <message>
      <source>轻型牵引挂车</source>
      <translation>Light tractor-trailer</translation>
    </message>
    <message>
      <source>过渡衔接登记</source>
      <translation>Transition case</translation>
    </message>
    <message>
      <source>部级</source>
      <translation>Ministry</translation>
    </message>
    <message>
      <source>重型牵引挂车</source>
      <translation>Heavy tractor-trailer</translation>
    </message>
    <message>
      <source>阅读器端口（0 为自动查找）</source>
      <translation>Reader port (0: find it)</translation>
    </message>
    <message>
      <source>阅读器驱动（sdtapi）位置（留空用系统默认）</source>
      <translation>Reader driver (sdtapi) location (empty: the system's)</translation>
    </message>
    <message>
      <source>面授</source>
      <translation>In person</translation>
    </message>
    <message>
      <source>驾培机构</source>
      <translation>driver-training institution</translation>
    </message>
    <message>
      <source>驾驶证号</source>
      <translation>Driving licence number</translation>
    </message>
  </context>
</TS>
