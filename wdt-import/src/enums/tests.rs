use super::*;

fn codes(description: &str) -> Vec<(WireValue, String)> {
    parse(description)
        .unwrap()
        .unwrap()
        .values
        .into_iter()
        .map(|v| (v.wire, v.label))
        .collect()
}

fn int(i: i64, label: &str) -> (WireValue, String) {
    (WireValue::Int(i), label.to_owned())
}

fn string(code: &str, label: &str) -> (WireValue, String) {
    (WireValue::Str(code.to_owned()), label.to_owned())
}

#[test]
fn one_value_per_line() {
    assert_eq!(
        codes("0：采购单取消\n1：采购单停止等待\n2：wms停止等待"),
        vec![
            int(0, "采购单取消"),
            int(1, "采购单停止等待"),
            int(2, "wms停止等待")
        ]
    );
    let list = parse("出库单状态\n5：已取消\n10：待放回\n77：拣货中，PDA拣货后\n默认0")
        .unwrap()
        .unwrap();
    assert_eq!(list.lead, "出库单状态");
    assert_eq!(
        list.values[2],
        Value {
            wire: WireValue::Int(77),
            label: "拣货中，PDA拣货后".into()
        }
    );
    assert_eq!(list.values.len(), 3);
}

#[test]
fn values_on_one_line() {
    assert_eq!(
        codes("0:调整出库，2:调拨出库，14:采购退货出库"),
        vec![
            int(0, "调整出库"),
            int(2, "调拨出库"),
            int(14, "采购退货出库")
        ]
    );
    assert_eq!(
        codes("0：否   1：是\n不传不判断"),
        vec![int(0, "否"), int(1, "是")]
    );
    assert_eq!(
        codes("英文逗号拼接的状态值:\n10=已取消；20=编辑中；30=待审核"),
        vec![int(10, "已取消"), int(20, "编辑中"), int(30, "待审核")]
    );
    assert_eq!(
        codes("当前状态\n10:已取消;20:编辑中;70:已完成80:待推送  ;90:委外待加工"),
        vec![
            int(10, "已取消"),
            int(20, "编辑中"),
            int(70, "已完成"),
            int(80, "待推送"),
            int(90, "委外待加工")
        ]
    );
    assert_eq!(
        codes("分销类别:\n0、非分销订单\n1、代销\n2、经销"),
        vec![int(0, "非分销订单"), int(1, "代销"), int(2, "经销")]
    );
    assert_eq!(
        codes("10: 待递交,\n20: 已递交，"),
        vec![int(10, "待递交"), int(20, "已递交")]
    );
}

#[test]
fn one_number_and_label_per_line() {
    assert_eq!(
        codes("退款状态:\n0无退款\n1取消退款,\n2已申请退款"),
        vec![int(0, "无退款"), int(1, "取消退款"), int(2, "已申请退款")]
    );
    assert_eq!(
        codes("出库单状态:  \n5已取消 \n48 未确认 \n64CRM追加赠送"),
        vec![int(5, "已取消"), int(48, "未确认"), int(64, "CRM追加赠送")]
    );
    assert_eq!(
        parse("发货时间\n2020-01-28 16:12:01\n1.5.7.0版本"),
        Ok(None)
    );
}

#[test]
fn labels_keep_their_brackets_and_lose_trailing_prose() {
    assert_eq!(
        codes("0：纸质面单 1：线下热敏 2：菜鸟电子面单（淘宝云栈）3：京东无界"),
        vec![
            int(0, "纸质面单"),
            int(1, "线下热敏"),
            int(2, "菜鸟电子面单（淘宝云栈）"),
            int(3, "京东无界")
        ]
    );
    assert_eq!(
        codes("发货条件:1、款到发货 2、货到付款(包含部分货到付款)\n3、分期付款"),
        vec![
            int(1, "款到发货"),
            int(2, "货到付款(包含部分货到付款)"),
            int(3, "分期付款")
        ]
    );
    assert_eq!(
        codes("10:编辑中,20:待审核,30:已审核,40 已取消.不传默认显示全部."),
        vec![
            int(10, "编辑中"),
            int(20, "待审核"),
            int(30, "已审核"),
            int(40, "已取消")
        ]
    );
    assert_eq!(
        codes("10:已取消;20:待审核;30:已审核;40已推送:80:已结算"),
        vec![
            int(10, "已取消"),
            int(20, "待审核"),
            int(30, "已审核"),
            int(40, "已推送"),
            int(80, "已结算")
        ]
    );
    assert_eq!(
        codes("0：否\n1：是  （比较影响性能 慎用）"),
        vec![int(0, "否"), int(1, "是  （比较影响性能 慎用）")]
    );
}

#[test]
fn qimen_codes() {
    let list = parse("单据类型(JYCK=一般交易出库单;HHCK= 换货出库;B2BRK=B2B入库)")
        .unwrap()
        .unwrap();
    assert!(!list.numeric);
    assert_eq!(list.lead, "单据类型");
    assert_eq!(
        list.values
            .into_iter()
            .map(|v| (v.wire, v.label))
            .collect::<Vec<_>>(),
        vec![
            string("JYCK", "一般交易出库单"),
            string("HHCK", "换货出库"),
            string("B2BRK", "B2B入库")
        ]
    );
}

#[test]
fn numbers_run_into_separated_labels() {
    let list = parse("0正常货品，1平台删除，2手工删除").unwrap().unwrap();
    assert!(!list.glued);
    assert_eq!(
        list.values
            .iter()
            .map(|v| v.label.as_str())
            .collect::<Vec<_>>(),
        ["正常货品", "平台删除", "手工删除"]
    );
}

#[test]
fn glued_values_need_three_increasing_codes() {
    let list = parse("0取消订单1退款(未发货，退款申请)2退货3换货4退款不退货\n当type=3时原始退款单递交不会生成系统退货单")
        .unwrap()
        .unwrap();
    assert!(list.glued);
    assert_eq!(list.values[1].label, "退款(未发货，退款申请)");
    assert_eq!(list.values.len(), 5);
}

#[test]
fn prose_is_not_an_enum() {
    for text in [
        "错误码，0标识成功其他表示失败",
        "默认0",
        "返回0为正常",
        "status = 0时,返回创建成功的单号;否则返回错误信息",
        "1:按照传入的条件查询,不限制服务商类型和发票状态.\n默认仅返回线下待开票的数据",
        "格式: yyyy-MM-dd HH:mm:ss",
        "修改时间\nyyyy-MM-dd HH:mm:ss格式",
        "false:仅可以取未确认状态\ntrue:待审核的单据会先返回编辑然后再取消",
        "平台id，点击 查看平台代码表 (https://open.wangdian.cn/qjb/open/guide?path=qjbguide_ptdmbb)",
        "-1: 使用货品档案内单品零售价",
        "例如：\"xxx1,xxx2,xxx3\"",
    ] {
        assert_eq!(parse(text), Ok(None), "{text}");
    }
}

#[test]
fn flags_and_repeats_are_refused() {
    assert_eq!(
        parse("修改掩码\n1：状态\n2：金额\n16：类型"),
        Err(NotAnEnum::Flags)
    );
    assert_eq!(
        parse("默认0 （需要的仓库流程相加）\n2、无需验货 8、需要质检 16、无需拣货"),
        Err(NotAnEnum::Flags)
    );
    assert_eq!(parse("1：是\n1：否"), Err(NotAnEnum::Repeated("1".into())));
}

#[test]
fn variant_names() {
    assert_eq!(
        variant_name(&WireValue::Str("JYCK".into())),
        ("Jyck".into(), false)
    );
    assert_eq!(
        variant_name(&WireValue::Str("B2BRK".into())),
        ("B2brk".into(), false)
    );
    assert_eq!(variant_name(&WireValue::Int(14)), ("V14".into(), true));
    assert_eq!(variant_name(&WireValue::Int(-1)), ("VMinus1".into(), true));
}

#[test]
fn defaults() {
    assert_eq!(
        stated_default("0：否\n1：是\n默认0"),
        Some(StatedDefault::Number("0".into()))
    );
    assert_eq!(
        stated_default("默认false,审核失败情况下单据会创建失败"),
        Some(StatedDefault::Bool(false))
    );
    assert_eq!(
        stated_default("0：不开启\n1：开启\n默认不开启"),
        Some(StatedDefault::Words("不开启".into()))
    );
    assert_eq!(
        stated_default("税率，不传默认值0"),
        Some(StatedDefault::Number("0".into()))
    );
    assert_eq!(
        stated_default("默认：1"),
        Some(StatedDefault::Number("1".into()))
    );
    assert_eq!(
        stated_default("默认3：不允许合并"),
        Some(StatedDefault::Number("3".into()))
    );
    assert_eq!(stated_default("商家编码"), None);
    assert_eq!(stated_default("默认0，有时默认1"), None);
}

#[test]
fn values_separated_by_bars() {
    assert_eq!(
        codes("销售配送方式（0=自配|1=菜鸟）"),
        [int(0, "自配"), int(1, "菜鸟")]
    );
}
