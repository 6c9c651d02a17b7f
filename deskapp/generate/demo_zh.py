"""The demo's building in Chinese: the tenants, callers, units, what they call about and what the desk
writes, for `deskapp demo` on a desk that speaks Chinese.

Every table has the rows of its English twin in deskapp.generate.demo_en, in the same order, so the same
seed makes the same cases in either language. Departments are named as the staff file keeps them
("Engineering"); the desk shows them in its language (工程部).
"""

from __future__ import annotations

from collections import defaultdict


def table(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cell.strip() for cell in line.split("|")) for line in text.strip().splitlines())


BUILDINGS = ("A座", "B座", "C座", "裙楼")
PODIUM = "裙楼"  # five floors, not thirty
COMPANIES = ("华信贸易", "蓝港律师事务所", "风筝设计", "子午银行", "兰花制药", "旭日物流", "玉川咨询", "北极星科技",
             "金湾保险", "松果工作室", "恒泰证券", "莲花旅行社", "红木传媒", "银鹤食品")
SURNAMES = ("李", "张", "王", "陈", "刘", "杨", "赵", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭", "林", "罗", "高",
            "郑")
GIVEN = ("伟", "芳", "娜", "敏", "静", "磊", "强", "燕", "杰", "慧", "鑫", "波")
WHO = ("{surname}女士", "{surname}先生", "{surname}{given}")
WHICH = "{building}{floor}层{unit}室"  # A座12层1203室

DEPARTMENT = defaultdict(lambda: "Engineering", {  # who is responsible, by category
    "保洁": "Housekeeping", "噪音": "Security", "停车": "Security", "安全": "Security",
    "服务态度": "Customer Service", "门禁卡": "Customer Service", "费用": "Customer Service",
    "开放时间": "Customer Service", "快递收发": "Security", "搬运家具": "Housekeeping",
    "活动布置": "Housekeeping", "非工作时间进出": "Security", "货梯": "Security"})

REPAIRS = table("""
漏水 | 茶水间上方天花板滴水 | 管道接头已重新密封，天花板已更换
漏水 | 男卫生间洗手盆下面漏水 | 已更换洗手盆存水弯并试水
空调 | 会议室空调不制冷 | 已清洗过滤网，制冷恢复正常
空调 | 开放办公区上方空调响声很大 | 松动的风机支架已紧固
照明 | 走廊一半的灯不亮 | 已更换镇流器和灯管
电梯 | 3号电梯在楼层之间停顿几秒 | 电梯维保单位已调整门感应器
电梯 | 本层电梯呼梯按钮不亮 | 呼梯按钮已更换
门锁 | 办公室门锁卡住，晚上锁不上 | 已更换锁芯，新钥匙已交给客户
门锁 | 玻璃门读卡器失灵 | 读卡器已重新接线并测试
卫生间 | 女卫生间马桶一直在冲水 | 水箱进水阀已更换
卫生间 | 本层卫生间马桶堵塞 | 已疏通并试水
供电 | 东墙一排插座没电 | 断路器已复位，故障插座已更换
保洁 | 走廊地毯上洒满了咖啡 | 地毯已清洗
保洁 | 电梯厅有碎玻璃需要清理 | 碎玻璃已清理，周边已检查
""")  # category | what the caller said | outcome
COMPLAINTS = table("""
噪音 | 楼上在办公时间钻孔施工 | 钻孔作业已调到09:00-18:00以外 | 该施工已办理许可
噪音 | 隔壁单元音乐声音很大 | 已书面提醒邻户 | 三次巡查均未发现噪音
保洁 | 本层卫生间从昨天起没人打扫 | 已增加中午一次保洁巡查 | 卫生间正在维修封闭，已张贴通知
保洁 | 走廊垃圾桶每天下午都满出来 | 垃圾桶改为每天清运两次 | 垃圾是该租户搬家留下的
服务态度 | 前台答复停车问题时态度粗鲁 | 已约谈当事员工并安排培训 | 录音显示答复礼貌
服务态度 | 停车场保安对我的司机大喊大叫 | 保安已道歉，已召开班组会 | 监控显示司机堵住了消防通道
维修不及时 | 三天前报修空调，一直没人来 | 每天核查工单 | 配件在订购中，当天已告知客户
维修不及时 | 水龙头漏水，上门两次还没修好 | 水龙头已整体更换 | 属租户自行装修的部分
停车 | 每天都有人占用我们的固定车位 | 该车位已纳入保安巡查 | 合同约定该车位为共用车位
安全 | 有陌生人穿过我们的办公室 | 电梯厅已加强证件查验 | 此人是租户自己请的施工人员
空气质量 | 办公室油漆味很重 | 油漆作业改到周末进行 | 是租户自己的装修队刷的漆
空气质量 | 每天下午室内空气很闷 | 新风阀已修复 | 检测数值符合标准
""")  # category | what | corrective action (valid) | explanation (invalid)
MAJOR = table("""
维修不及时 | 水管爆裂，淹了我们的机房和库存 | 已排查立管，损失正在核定 | 属租户自行装修的部分
保洁 | 地面湿滑没有警示牌，我们的员工滑倒受伤 | 警示牌必须摆放；费用由我方承担 | 监控显示警示牌已摆放
维修不及时 | 访客被困电梯40分钟，已有媒体询问 | 控制柜已大修，已组织困人演练 | 市政电网停电所致
安全 | 笔记本电脑被盗，塔楼门整夜没锁 | 改为每小时检查一次门锁 | 是用租户自己的门卡开的门
""")
INQUIRIES = table("""
停车 | 第二辆车办月租车位多少钱？ | 已告知价格和办理方式
停车 | 访客来开会能停地下车库吗？ | 已说明访客停车规定，免费两小时
门禁卡 | 两名新员工怎么办理门禁卡？ | 已说明申请表，两个工作日出卡
门禁卡 | 员工门禁卡丢了怎么办？ | 已挂失，并说明补办方式
费用 | 对本月物业管理费账单有疑问 | 已逐项解释收费
费用 | 空调加时费为什么涨了？ | 已解释上月通知的新费率
开放时间 | 周六大楼对我们员工开放吗？ | 凭门禁卡进出，空调需提前申请
快递收发 | 大件快递应该放在哪里？ | 已说明货梯和卸货区的开放时间
""")  # category | question | answer
ASSISTANCE = table("""
搬运家具 | 帮忙把二十把椅子搬到会议室
活动布置 | 为产品发布会布置大堂
非工作时间进出 | 周末为我们的施工人员开门
货梯 | 预约货梯运送家具
""")
SUGGESTIONS = table("""
表扬 | Housekeeping | 感谢本层的保洁员，一直很热心 | 已向保洁员转达感谢
表扬 | Engineering | 工程师一小时内就修好了空调 | 已向工程部转达感谢
建议 | Security | 建议在C座旁增加自行车停放位 | 已提交下一次预算评审
建议 | Customer Service | 大堂咖啡店能否早点开门？ | 已转给招商部门
""")  # category | department | what | outcome
HOW = ("希望今天修好", "希望回电告知结果", "希望得到道歉", "希望本周内解决")
WAITS = ("等待租户安排进场", "等待客户提供照片", "客户外出，周一回来")

# What the desk writes on the way, by the English twin's key.
SAY = {
    "special request": "请打手机，不要打办公室座机",
    "fix before": "{time}前修好",
    "send someone": "今天派人来",
    "keeps happening": "反复出现",
    "managers told": "已电话告知，正在赶来",
    "escalated": "已上报运营管理部和公司领导",
    "third time": "本周第三次",
    "fell short": "现场核实：我方服务不到位",
    "explained": "已向客户解释：{reason}",
    "in hand": "已告知客户正在处理",
    "back in touch": "客户已回复",
    "work continues": "客户已回来，继续施工",
    "not right yet": "仍未解决，再次派人处理",
    "done again": "再次处理：{outcome}",
    "helped and explained": "已协助客户并解释：{reason}",
    "at": "约定{time}",
    "done as asked": "已按要求完成，客户表示感谢",
    "duplicate": "与工单{number}重复录入",
}
