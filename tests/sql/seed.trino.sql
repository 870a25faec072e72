CREATE TABLE units (
  "单位" VARCHAR,
  "年初预算" DECIMAL(18, 6),
  "预算执行金额" DECIMAL(18, 6),
  "预算调整金额" DECIMAL(18, 6),
  "结转结余金额" DECIMAL(18, 6),
  "工作规划评价" VARCHAR,
  "符合总体规划" BOOLEAN,
  "目标细化分解" BOOLEAN,
  "任务可以实现" BOOLEAN,
  "在职人员数" INTEGER,
  "编制数" INTEGER,
  "本年三公经费预算" DECIMAL(18, 6),
  "上年三公经费预算" DECIMAL(18, 6),
  "重点项目支出" DECIMAL(18, 6),
  "项目总支出" DECIMAL(18, 6),
  "第一季度支出进度达标" BOOLEAN,
  "第二季度支出进度达标" BOOLEAN,
  "第三季度支出进度达标" BOOLEAN,
  "十一月底支出进度达标" BOOLEAN,
  "公用经费实际支出" DECIMAL(18, 6),
  "公用经费预算" DECIMAL(18, 6),
  "三公经费实际支出" DECIMAL(18, 6),
  "政府采购支出" DECIMAL(18, 6),
  "政府采购预算" DECIMAL(18, 6),
  "预算管理制度评价" VARCHAR,
  "资金使用违规数" INTEGER,
  "按规定公开预决算" BOOLEAN,
  "按规定公开三公经费" BOOLEAN,
  "基础数据真实完整" BOOLEAN,
  "会计信息真实完整" BOOLEAN,
  "资产管理制度评价" VARCHAR,
  "资产管理问题数" INTEGER,
  "固定资产总额" DECIMAL(18, 6),
  "在用固定资产总额" DECIMAL(18, 6),
  "实际完成率" DECIMAL(14, 8),
  "质量达标得分" DECIMAL(18, 6),
  "质量达标等次" VARCHAR,
  "重点工作评价" VARCHAR,
  "经济效益评价" VARCHAR,
  "社会效益评价" VARCHAR,
  "生态效益评价" VARCHAR,
  "满意度" DECIMAL(14, 8),
  "上年结转金额" DECIMAL(18, 6),
  "其他调整资金" DECIMAL(18, 6)
);

SELECT
  "单位",
  CAST(CAST(_s56 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "工作规划合理性",
  CAST(CAST(_s58 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "工作目标明确性",
  CAST(CAST(_s65 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "在职人员控制率",
  CAST(CAST(_s72 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "“三公经费”变动率",
  CAST(CAST(_s75 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "重点支出安排率",
  CAST(CAST(_s80 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "预算完成率",
  CAST(CAST(_s83 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "预算调整率",
  CAST(CAST(_s92 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "支付进度",
  CAST(CAST(_s98 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "结转结余率",
  CAST(CAST(_s101 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "公用经费控制率",
  CAST(CAST(_s108 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "“三公经费”控制率",
  CAST(CAST(_s111 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "政府采购执行率",
  CAST(CAST(_s113 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "管理制度健全性",
  CAST(CAST(_s115 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "资金使用合规性",
  CAST(CAST(_s117 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "预决算信息公开性",
  CAST(CAST(_s119 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "基础信息完善性",
  CAST(CAST(_s121 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "资产管理制度健全性",
  CAST(CAST(_s123 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "资产管理安全性",
  CAST(CAST(_s127 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "固定资产利用率",
  CAST(CAST(_s131 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "完成实绩情况",
  CAST(CAST(_s135 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "质量达标情况",
  CAST(CAST(_s137 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "重点工作完成情况",
  CAST(CAST(_s139 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "经济效益",
  CAST(CAST(_s141 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "社会效益",
  CAST(CAST(_s143 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "生态效益",
  CAST(CAST(_s146 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "社会公众或服务对象满意度",
  CAST(CAST(_g155 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "投入",
  CAST(CAST(_g154 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "工作目标设定",
  CAST(CAST(_g153 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "预算配置",
  CAST(CAST(_g152 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "过程",
  CAST(CAST(_g151 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "预算执行",
  CAST(CAST(_g150 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "预算管理",
  CAST(CAST(_g149 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "资产管理",
  CAST(CAST(_g148 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "产出",
  CAST(CAST(_g148 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "职责履行",
  CAST(CAST(_g147 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "效果",
  CAST(CAST(_g147 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "履职效益",
  CAST(CAST(_t156 AS DECIMAL(16, 0)) * 0.01 AS DECIMAL(18, 2)) AS "total",
  CASE
    WHEN _t156 >= 9000
    THEN '优'
    WHEN _t156 >= 8000
    THEN '良'
    WHEN _t156 >= 6000
    THEN '中'
    ELSE '差'
  END AS "grade",
  CASE
    WHEN _ok1 AND (
      _cf134 IS NULL
    )
    THEN ''
    ELSE CONCAT_WS(
      '; ',
      CASE
        WHEN (
          (
            BITWISE_AND(_bad2, 1823)
          ) = 0
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE WHEN _p3 = 4 THEN 'D004 年初预算' END,
            CASE WHEN _p4 = 4 THEN 'D004 预算执行金额' END,
            CASE WHEN _p5 = 4 THEN 'D004 预算调整金额' END,
            CASE WHEN _p6 = 4 THEN 'D004 结转结余金额' END,
            CASE WHEN _p7 = 3 THEN 'D003 工作规划评价' END,
            CASE WHEN _p11 = 4 THEN 'D004 在职人员数' END,
            CASE WHEN _p12 = 4 THEN 'D004 编制数' END,
            CASE WHEN _p13 = 4 THEN 'D004 本年三公经费预算' END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          (
            BITWISE_AND(_bad2, 2045952)
          ) = 0
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE WHEN _p14 = 4 THEN 'D004 上年三公经费预算' END,
            CASE WHEN _p15 = 4 THEN 'D004 重点项目支出' END,
            CASE WHEN _p16 = 4 THEN 'D004 项目总支出' END,
            CASE WHEN _p19 = 4 THEN 'D004 公用经费实际支出' END,
            CASE WHEN _p20 = 4 THEN 'D004 公用经费预算' END,
            CASE WHEN _p21 = 4 THEN 'D004 三公经费实际支出' END,
            CASE WHEN _p22 = 4 THEN 'D004 政府采购支出' END,
            CASE WHEN _p23 = 4 THEN 'D004 政府采购预算' END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          (
            BITWISE_AND(_bad2, 8462008320)
          ) = 0
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE WHEN _p24 = 3 THEN 'D003 预算管理制度评价' END,
            CASE WHEN _p25 = 4 THEN 'D004 资金使用违规数' END,
            CASE WHEN _p30 = 3 THEN 'D003 资产管理制度评价' END,
            CASE WHEN _p31 = 4 THEN 'D004 资产管理问题数' END,
            CASE WHEN _p32 = 4 THEN 'D004 固定资产总额' END,
            CASE WHEN _p33 = 4 THEN 'D004 在用固定资产总额' END,
            CASE WHEN _p34 = 4 THEN 'D004 实际完成率' END,
            CASE WHEN _p35 = 4 THEN 'D004 质量达标得分' END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          (
            BITWISE_AND(_bad2, 2190433320960)
          ) = 0
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE WHEN _p36 = 3 THEN 'D003 质量达标等次' END,
            CASE WHEN _p37 = 3 THEN 'D003 重点工作评价' END,
            CASE WHEN _p38 = 3 THEN 'D003 经济效益评价' END,
            CASE WHEN _p39 = 3 THEN 'D003 社会效益评价' END,
            CASE WHEN _p40 = 3 THEN 'D003 生态效益评价' END,
            CASE WHEN _p41 = 4 THEN 'D004 满意度' END,
            CASE WHEN _p42 = 4 THEN 'D004 上年结转金额' END,
            CASE WHEN _p43 = 4 THEN 'D004 其他调整资金' END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          (
            BITWISE_AND(_bad2, 507)
          ) = 0
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE WHEN _p3 = 2 THEN 'D002 年初预算' END,
            CASE WHEN _p4 = 2 THEN 'D002 预算执行金额' END,
            CASE WHEN _p6 = 2 THEN 'D002 结转结余金额' END,
            CASE WHEN _p7 = 2 THEN 'D002 工作规划评价' END,
            CASE WHEN _p8 = 2 THEN 'D002 符合总体规划' END,
            CASE WHEN _p9 = 2 THEN 'D002 目标细化分解' END,
            CASE WHEN _p10 = 2 THEN 'D002 任务可以实现' END,
            CASE WHEN _p11 = 2 THEN 'D002 在职人员数' END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          (
            BITWISE_AND(_bad2, 130560)
          ) = 0
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE WHEN _p12 = 2 THEN 'D002 编制数' END,
            CASE WHEN _p13 = 2 THEN 'D002 本年三公经费预算' END,
            CASE WHEN _p14 = 2 THEN 'D002 上年三公经费预算' END,
            CASE WHEN _p15 = 2 THEN 'D002 重点项目支出' END,
            CASE WHEN _p16 = 2 THEN 'D002 项目总支出' END,
            CASE WHEN _p17 = 2 THEN 'D002 第一季度支出进度达标' END,
            CASE WHEN _p18 = 2 THEN 'D002 第二季度支出进度达标' END,
            CASE WHEN _p19 = 2 THEN 'D002 公用经费实际支出' END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          (
            BITWISE_AND(_bad2, 62783488)
          ) = 0
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE WHEN _p20 = 2 THEN 'D002 公用经费预算' END,
            CASE WHEN _p21 = 2 THEN 'D002 三公经费实际支出' END,
            CASE WHEN _p22 = 2 THEN 'D002 政府采购支出' END,
            CASE WHEN _p23 = 2 THEN 'D002 政府采购预算' END,
            CASE WHEN _p24 = 2 THEN 'D002 预算管理制度评价' END,
            CASE WHEN _p26 = 2 THEN 'D002 按规定公开预决算' END,
            CASE WHEN _p27 = 2 THEN 'D002 按规定公开三公经费' END,
            CASE WHEN _p28 = 2 THEN 'D002 基础数据真实完整' END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          (
            BITWISE_AND(_bad2, 34024194048)
          ) = 0
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE WHEN _p29 = 2 THEN 'D002 会计信息真实完整' END,
            CASE WHEN _p30 = 2 THEN 'D002 资产管理制度评价' END,
            CASE WHEN _p32 = 2 THEN 'D002 固定资产总额' END,
            CASE WHEN _p33 = 2 THEN 'D002 在用固定资产总额' END,
            CASE WHEN _p34 = 2 THEN 'D002 实际完成率' END,
            CASE WHEN _p35 = 2 THEN 'D002 质量达标得分' END,
            CASE WHEN _p36 = 2 THEN 'D002 质量达标等次' END,
            CASE WHEN _p37 = 2 THEN 'D002 重点工作评价' END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          _p38 IS NULL
        )
        AND (
          _p39 IS NULL
        )
        AND (
          _p40 IS NULL
        )
        AND (
          _p41 IS NULL
        )
        AND (
          _p7 IS NULL
        )
        AND (
          _cf57 IS NULL
        )
        AND (
          _vpf44 IS NULL
        )
        AND (
          _vpf45 IS NULL
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE WHEN _p38 = 2 THEN 'D002 经济效益评价' END,
            CASE WHEN _p39 = 2 THEN 'D002 社会效益评价' END,
            CASE WHEN _p40 = 2 THEN 'D002 生态效益评价' END,
            CASE WHEN _p41 = 2 THEN 'D002 满意度' END,
            CASE
              WHEN _p7 = 5
              THEN 'D005 工作规划合理性'
              WHEN _p7 = 6
              THEN 'D006 工作规划合理性'
              WHEN NOT _p7 IS NULL
              THEN 'D008 工作规划合理性'
            END,
            CASE
              WHEN _cf57 = 5
              THEN 'D005 工作目标明确性'
              WHEN _cf57 = 6
              THEN 'D006 工作目标明确性'
              WHEN NOT _cf57 IS NULL
              THEN 'D008 工作目标明确性'
            END,
            CASE
              WHEN _vpf44 = 5
              THEN 'D005 在职人员控制率'
              WHEN _vpf44 = 6
              THEN 'D006 在职人员控制率'
              WHEN NOT _vpf44 IS NULL
              THEN 'D008 在职人员控制率'
            END,
            CASE
              WHEN _vpf45 = 5
              THEN 'D005 “三公经费”变动率'
              WHEN _vpf45 = 6
              THEN 'D006 “三公经费”变动率'
              WHEN NOT _vpf45 IS NULL
              THEN 'D008 “三公经费”变动率'
            END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          _vpf47 IS NULL
        )
        AND (
          _vpf48 IS NULL
        )
        AND (
          _vpf49 IS NULL
        )
        AND (
          _cf91 IS NULL
        )
        AND (
          _vpf50 IS NULL
        )
        AND (
          _vpf51 IS NULL
        )
        AND (
          _vpf52 IS NULL
        )
        AND (
          _vpf53 IS NULL
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE
              WHEN _vpf47 = 5
              THEN 'D005 重点支出安排率'
              WHEN _vpf47 = 6
              THEN 'D006 重点支出安排率'
              WHEN NOT _vpf47 IS NULL
              THEN 'D008 重点支出安排率'
            END,
            CASE
              WHEN _vpf48 = 5
              THEN 'D005 预算完成率'
              WHEN _vpf48 = 6
              THEN 'D006 预算完成率'
              WHEN NOT _vpf48 IS NULL
              THEN 'D008 预算完成率'
            END,
            CASE
              WHEN _vpf49 = 5
              THEN 'D005 预算调整率'
              WHEN _vpf49 = 6
              THEN 'D006 预算调整率'
              WHEN NOT _vpf49 IS NULL
              THEN 'D008 预算调整率'
            END,
            CASE
              WHEN _cf91 = 5
              THEN 'D005 支付进度'
              WHEN _cf91 = 6
              THEN 'D006 支付进度'
              WHEN NOT _cf91 IS NULL
              THEN 'D008 支付进度'
            END,
            CASE
              WHEN _vpf50 = 5
              THEN 'D005 结转结余率'
              WHEN _vpf50 = 6
              THEN 'D006 结转结余率'
              WHEN NOT _vpf50 IS NULL
              THEN 'D008 结转结余率'
            END,
            CASE
              WHEN _vpf51 = 5
              THEN 'D005 公用经费控制率'
              WHEN _vpf51 = 6
              THEN 'D006 公用经费控制率'
              WHEN NOT _vpf51 IS NULL
              THEN 'D008 公用经费控制率'
            END,
            CASE
              WHEN _vpf52 = 5
              THEN 'D005 “三公经费”控制率'
              WHEN _vpf52 = 6
              THEN 'D006 “三公经费”控制率'
              WHEN NOT _vpf52 IS NULL
              THEN 'D008 “三公经费”控制率'
            END,
            CASE
              WHEN _vpf53 = 5
              THEN 'D005 政府采购执行率'
              WHEN _vpf53 = 6
              THEN 'D006 政府采购执行率'
              WHEN NOT _vpf53 IS NULL
              THEN 'D008 政府采购执行率'
            END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          _p24 IS NULL
        )
        AND (
          _p25 IS NULL
        )
        AND (
          _cf116 IS NULL
        )
        AND (
          _cf118 IS NULL
        )
        AND (
          _p30 IS NULL
        )
        AND (
          _p31 IS NULL
        )
        AND (
          _vpf54 IS NULL
        )
        AND (
          _p34 IS NULL
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE
              WHEN _p24 = 5
              THEN 'D005 管理制度健全性'
              WHEN _p24 = 6
              THEN 'D006 管理制度健全性'
              WHEN NOT _p24 IS NULL
              THEN 'D008 管理制度健全性'
            END,
            CASE
              WHEN _p25 = 5
              THEN 'D005 资金使用合规性'
              WHEN _p25 = 6
              THEN 'D006 资金使用合规性'
              WHEN NOT _p25 IS NULL
              THEN 'D008 资金使用合规性'
            END,
            CASE
              WHEN _cf116 = 5
              THEN 'D005 预决算信息公开性'
              WHEN _cf116 = 6
              THEN 'D006 预决算信息公开性'
              WHEN NOT _cf116 IS NULL
              THEN 'D008 预决算信息公开性'
            END,
            CASE
              WHEN _cf118 = 5
              THEN 'D005 基础信息完善性'
              WHEN _cf118 = 6
              THEN 'D006 基础信息完善性'
              WHEN NOT _cf118 IS NULL
              THEN 'D008 基础信息完善性'
            END,
            CASE
              WHEN _p30 = 5
              THEN 'D005 资产管理制度健全性'
              WHEN _p30 = 6
              THEN 'D006 资产管理制度健全性'
              WHEN NOT _p30 IS NULL
              THEN 'D008 资产管理制度健全性'
            END,
            CASE
              WHEN _p31 = 5
              THEN 'D005 资产管理安全性'
              WHEN _p31 = 6
              THEN 'D006 资产管理安全性'
              WHEN NOT _p31 IS NULL
              THEN 'D008 资产管理安全性'
            END,
            CASE
              WHEN _vpf54 = 5
              THEN 'D005 固定资产利用率'
              WHEN _vpf54 = 6
              THEN 'D006 固定资产利用率'
              WHEN NOT _vpf54 IS NULL
              THEN 'D008 固定资产利用率'
            END,
            CASE
              WHEN _p34 = 5
              THEN 'D005 完成实绩情况'
              WHEN _p34 = 6
              THEN 'D006 完成实绩情况'
              WHEN NOT _p34 IS NULL
              THEN 'D008 完成实绩情况'
            END
          ),
          ''
        )
      END,
      CASE
        WHEN (
          _cf134 IS NULL
        )
        AND (
          _p37 IS NULL
        )
        AND (
          _p38 IS NULL
        )
        AND (
          _p39 IS NULL
        )
        AND (
          _p40 IS NULL
        )
        AND (
          _p41 IS NULL
        )
        THEN NULL
        ELSE NULLIF(
          CONCAT_WS(
            '; ',
            CASE
              WHEN _cf134 = 5
              THEN 'D005 质量达标情况'
              WHEN _cf134 = 6
              THEN 'D006 质量达标情况'
              WHEN NOT _cf134 IS NULL
              THEN 'D008 质量达标情况'
            END,
            CASE
              WHEN _p37 = 5
              THEN 'D005 重点工作完成情况'
              WHEN _p37 = 6
              THEN 'D006 重点工作完成情况'
              WHEN NOT _p37 IS NULL
              THEN 'D008 重点工作完成情况'
            END,
            CASE
              WHEN _p38 = 5
              THEN 'D005 经济效益'
              WHEN _p38 = 6
              THEN 'D006 经济效益'
              WHEN NOT _p38 IS NULL
              THEN 'D008 经济效益'
            END,
            CASE
              WHEN _p39 = 5
              THEN 'D005 社会效益'
              WHEN _p39 = 6
              THEN 'D006 社会效益'
              WHEN NOT _p39 IS NULL
              THEN 'D008 社会效益'
            END,
            CASE
              WHEN _p40 = 5
              THEN 'D005 生态效益'
              WHEN _p40 = 6
              THEN 'D006 生态效益'
              WHEN NOT _p40 IS NULL
              THEN 'D008 生态效益'
            END,
            CASE
              WHEN _p41 = 5
              THEN 'D005 社会公众或服务对象满意度'
              WHEN _p41 = 6
              THEN 'D006 社会公众或服务对象满意度'
              WHEN NOT _p41 IS NULL
              THEN 'D008 社会公众或服务对象满意度'
            END
          ),
          ''
        )
      END
    )
  END AS "problems"
FROM (
  SELECT
    _s9.*,
    _g155 + _g152 + _g148 + _g147 AS _t156
  FROM (
    SELECT
      _s8.*,
      _g151 + _g150 + _g149 AS _g152,
      _g154 + _g153 AS _g155
    FROM (
      SELECT
        _s7.*,
        _s80 + _s83 + _s92 + _s98 + _s101 + _s108 + _s111 AS _g151,
        _s65 + _s72 + _s75 AS _g153
      FROM (
        SELECT
          _s6.*,
          CASE
            WHEN NOT _vpf45 IS NULL
            THEN 0
            WHEN (
              (
                3 * (
                  _ld68 * 10
                )
              ) - _ln69
            ) >= (
              3 * (
                _ld68 * 10
              )
            )
            THEN 300
            WHEN (
              (
                3 * (
                  _ld68 * 10
                )
              ) - _ln69
            ) <= 0
            THEN 0
            WHEN _q71 * (
              (
                _ld68 * 10
              ) * 2
            ) > (
              (
                (
                  (
                    3 * (
                      _ld68 * 10
                    )
                  ) - _ln69
                ) * 200
              ) + (
                _ld68 * 10
              )
            )
            THEN _q71 - 1
            WHEN (
              _q71 + 1
            ) * (
              (
                _ld68 * 10
              ) * 2
            ) <= (
              (
                (
                  (
                    3 * (
                      _ld68 * 10
                    )
                  ) - _ln69
                ) * 200
              ) + (
                _ld68 * 10
              )
            )
            THEN _q71 + 1
            ELSE _q71
          END AS _s72,
          CASE
            WHEN NOT _cf91 IS NULL
            THEN 0
            WHEN (
              4 - _ln89
            ) >= 4
            THEN 400
            WHEN (
              4 - _ln89
            ) <= 0
            THEN 0
            ELSE (
              4 - _ln89
            ) * 100
          END AS _s92,
          _s131 + _s135 + _s137 AS _g148,
          _s121 + _s123 + _s127 AS _g149,
          _s113 + _s115 + _s117 + _s119 AS _g150,
          _s56 + _s58 AS _g154
        FROM (
          SELECT
            _s5.*,
            CASE
              WHEN NOT _cf57 IS NULL
              THEN 0
              WHEN (
                (
                  CASE WHEN _i5 THEN 1 ELSE 0 END + CASE WHEN _i6 THEN 1 ELSE 0 END
                ) + CASE WHEN _i7 THEN 1 ELSE 0 END
              ) >= 3
              THEN 300
              WHEN (
                (
                  CASE WHEN _i5 THEN 1 ELSE 0 END + CASE WHEN _i6 THEN 1 ELSE 0 END
                ) + CASE WHEN _i7 THEN 1 ELSE 0 END
              ) <= 0
              THEN 0
              ELSE (
                (
                  CASE WHEN _i5 THEN 1 ELSE 0 END + CASE WHEN _i6 THEN 1 ELSE 0 END
                ) + CASE WHEN _i7 THEN 1 ELSE 0 END
              ) * 100
            END AS _s58,
            CASE
              WHEN NOT _vpf44 IS NULL
              THEN 0
              WHEN (
                (
                  3 * (
                    _ld61 * 10
                  )
                ) - _ln62
              ) >= (
                3 * (
                  _ld61 * 10
                )
              )
              THEN 300
              WHEN (
                (
                  3 * (
                    _ld61 * 10
                  )
                ) - _ln62
              ) <= 0
              THEN 0
              WHEN _q64 * (
                (
                  _ld61 * 10
                ) * 2
              ) > (
                (
                  (
                    (
                      3 * (
                        _ld61 * 10
                      )
                    ) - _ln62
                  ) * 200
                ) + (
                  _ld61 * 10
                )
              )
              THEN _q64 - 1
              WHEN (
                _q64 + 1
              ) * (
                (
                  _ld61 * 10
                ) * 2
              ) <= (
                (
                  (
                    (
                      3 * (
                        _ld61 * 10
                      )
                    ) - _ln62
                  ) * 200
                ) + (
                  _ld61 * 10
                )
              )
              THEN _q64 + 1
              ELSE _q64
            END AS _s65,
            CASE
              WHEN _ln66 <= 0
              THEN 14
              WHEN _ln67 = 0
              THEN 12
              WHEN _ln69 > (
                3 * (
                  _ld68 * 10
                )
              )
              THEN 3
              ELSE 2
            END AS _lb70,
            CAST(FLOOR(
              CAST((
                (
                  (
                    (
                      3 * (
                        _ld68 * 10
                      )
                    ) - _ln69
                  ) * 200
                ) + (
                  _ld68 * 10
                )
              ) AS DOUBLE) / NULLIF((
                _ld68 * 10
              ) * 2, 0)
            ) AS DECIMAL(38, 0)) AS _q71,
            CASE
              WHEN NOT _vpf47 IS NULL
              THEN 0
              WHEN (
                _i12 * 10
              ) >= (
                9 * _i13
              )
              THEN 400
              WHEN (
                (
                  _i12 * 5
                ) >= (
                  4 * _i13
                )
              )
              AND (
                (
                  _i12 * 10
                ) < (
                  9 * _i13
                )
              )
              THEN 320
              WHEN (
                (
                  _i12 * 10
                ) >= (
                  7 * _i13
                )
              )
              AND (
                (
                  _i12 * 5
                ) < (
                  4 * _i13
                )
              )
              THEN 240
              WHEN (
                (
                  _i12 * 5
                ) >= (
                  3 * _i13
                )
              )
              AND (
                (
                  _i12 * 10
                ) < (
                  7 * _i13
                )
              )
              THEN 160
              WHEN TRUE
              THEN 0
              ELSE 0
            END AS _s75,
            CASE
              WHEN NOT _vpf48 IS NULL
              THEN 0
              WHEN (
                20 - _ln78
              ) >= 20
              THEN 200
              WHEN (
                20 - _ln78
              ) <= 0
              THEN 0
              ELSE (
                20 - _ln78
              ) * 10
            END AS _s80,
            CASE
              WHEN NOT _vpf49 IS NULL
              THEN 0
              WHEN (
                _i2 >= 0
              ) AND (
                _i2 <= 0
              )
              THEN 400
              WHEN (
                _i2 > 0
              ) AND (
                (
                  _i2 * 10
                ) <= _i0
              )
              THEN 300
              WHEN (
                (
                  _i2 * 10
                ) > _i0
              ) AND (
                (
                  _i2 * 5
                ) <= _i0
              )
              THEN 200
              WHEN (
                (
                  _i2 * 5
                ) > _i0
              ) AND (
                (
                  _i2 * 10
                ) <= (
                  3 * _i0
                )
              )
              THEN 100
              WHEN TRUE
              THEN 0
              ELSE 0
            END AS _s83,
            CASE
              WHEN (
                (
                  BITWISE_AND(_bad2, 49152)
                ) = 0
              )
              THEN NULL
              ELSE COALESCE(_p17, _p18, _lpf88)
            END AS _cf91,
            CASE
              WHEN NOT _vpf50 IS NULL
              THEN 0
              WHEN (
                (
                  2 * (
                    _ld95 * 10
                  )
                ) - _ln94
              ) >= (
                2 * (
                  _ld95 * 10
                )
              )
              THEN 200
              WHEN (
                (
                  2 * (
                    _ld95 * 10
                  )
                ) - _ln94
              ) <= 0
              THEN 0
              WHEN _q97 * (
                (
                  _ld95 * 10
                ) * 2
              ) > (
                (
                  (
                    (
                      2 * (
                        _ld95 * 10
                      )
                    ) - _ln94
                  ) * 200
                ) + (
                  _ld95 * 10
                )
              )
              THEN _q97 - 1
              WHEN (
                _q97 + 1
              ) * (
                (
                  _ld95 * 10
                ) * 2
              ) <= (
                (
                  (
                    (
                      2 * (
                        _ld95 * 10
                      )
                    ) - _ln94
                  ) * 200
                ) + (
                  _ld95 * 10
                )
              )
              THEN _q97 + 1
              ELSE _q97
            END AS _s98,
            CASE WHEN NOT _vpf51 IS NULL THEN 0 WHEN _lb99 THEN 300 ELSE 0 END AS _s101,
            CASE
              WHEN NOT _vpf52 IS NULL
              THEN 0
              WHEN (
                (
                  3 * (
                    _ld104 * 10
                  )
                ) - _ln105
              ) >= (
                3 * (
                  _ld104 * 10
                )
              )
              THEN 300
              WHEN (
                (
                  3 * (
                    _ld104 * 10
                  )
                ) - _ln105
              ) <= 0
              THEN 0
              WHEN _q107 * (
                (
                  _ld104 * 10
                ) * 2
              ) > (
                (
                  (
                    (
                      3 * (
                        _ld104 * 10
                      )
                    ) - _ln105
                  ) * 200
                ) + (
                  _ld104 * 10
                )
              )
              THEN _q107 - 1
              WHEN (
                _q107 + 1
              ) * (
                (
                  _ld104 * 10
                ) * 2
              ) <= (
                (
                  (
                    (
                      3 * (
                        _ld104 * 10
                      )
                    ) - _ln105
                  ) * 200
                ) + (
                  _ld104 * 10
                )
              )
              THEN _q107 + 1
              ELSE _q107
            END AS _s108,
            CASE
              WHEN NOT _vpf53 IS NULL
              THEN 0
              WHEN (
                _i21 * 20
              ) >= (
                19 * _i22
              )
              THEN 200
              WHEN (
                _i21 * 10
              ) >= (
                9 * _i22
              )
              THEN 160
              WHEN (
                _i21 * 5
              ) >= (
                4 * _i22
              )
              THEN 120
              WHEN TRUE
              THEN 0
              ELSE 0
            END AS _s111,
            CASE
              WHEN NOT _cf116 IS NULL
              THEN 0
              WHEN (
                CASE WHEN _i25 THEN 2 ELSE 0 END + CASE WHEN _i26 THEN 1 ELSE 0 END
              ) >= 3
              THEN 300
              WHEN (
                CASE WHEN _i25 THEN 2 ELSE 0 END + CASE WHEN _i26 THEN 1 ELSE 0 END
              ) <= 0
              THEN 0
              ELSE (
                CASE WHEN _i25 THEN 2 ELSE 0 END + CASE WHEN _i26 THEN 1 ELSE 0 END
              ) * 100
            END AS _s117,
            CASE
              WHEN NOT _cf118 IS NULL
              THEN 0
              WHEN (
                CASE WHEN _i27 THEN 3 ELSE 0 END + CASE WHEN _i28 THEN 3 ELSE 0 END
              ) >= 6
              THEN 300
              WHEN (
                CASE WHEN _i27 THEN 3 ELSE 0 END + CASE WHEN _i28 THEN 3 ELSE 0 END
              ) <= 0
              THEN 0
              ELSE (
                CASE WHEN _i27 THEN 3 ELSE 0 END + CASE WHEN _i28 THEN 3 ELSE 0 END
              ) * 50
            END AS _s119,
            CASE
              WHEN NOT _vpf54 IS NULL
              THEN 0
              WHEN _ln124 >= (
                4 * _i31
              )
              THEN 400
              WHEN _ln124 <= 0
              THEN 0
              WHEN _q126 * (
                _i31 * 2
              ) > (
                (
                  _ln124 * 200
                ) + _i31
              )
              THEN _q126 - 1
              WHEN (
                _q126 + 1
              ) * (
                _i31 * 2
              ) <= (
                (
                  _ln124 * 200
                ) + _i31
              )
              THEN _q126 + 1
              ELSE _q126
            END AS _s127,
            CASE
              WHEN NOT _cf134 IS NULL
              THEN 0
              WHEN CASE
                WHEN _i35 = 20
                THEN CASE WHEN (
                  _i34 >= 6400000
                ) AND (
                  _i34 <= 8000000
                ) THEN _i34 ELSE NULL END
                WHEN _i35 = 21
                THEN CASE WHEN (
                  _i34 >= 4800000
                ) AND (
                  _i34 <= 6400000
                ) THEN _i34 ELSE NULL END
                WHEN _i35 = 17
                THEN CASE WHEN (
                  _i34 >= 0
                ) AND (
                  _i34 <= 4800000
                ) THEN _i34 ELSE NULL END
                ELSE NULL
              END >= 8000000
              THEN 800
              WHEN CASE
                WHEN _i35 = 20
                THEN CASE WHEN (
                  _i34 >= 6400000
                ) AND (
                  _i34 <= 8000000
                ) THEN _i34 ELSE NULL END
                WHEN _i35 = 21
                THEN CASE WHEN (
                  _i34 >= 4800000
                ) AND (
                  _i34 <= 6400000
                ) THEN _i34 ELSE NULL END
                WHEN _i35 = 17
                THEN CASE WHEN (
                  _i34 >= 0
                ) AND (
                  _i34 <= 4800000
                ) THEN _i34 ELSE NULL END
                ELSE NULL
              END <= 0
              THEN 0
              WHEN _q132 * 2000000 > (
                (
                  CASE
                    WHEN _i35 = 20
                    THEN CASE WHEN (
                      _i34 >= 6400000
                    ) AND (
                      _i34 <= 8000000
                    ) THEN _i34 ELSE NULL END
                    WHEN _i35 = 21
                    THEN CASE WHEN (
                      _i34 >= 4800000
                    ) AND (
                      _i34 <= 6400000
                    ) THEN _i34 ELSE NULL END
                    WHEN _i35 = 17
                    THEN CASE WHEN (
                      _i34 >= 0
                    ) AND (
                      _i34 <= 4800000
                    ) THEN _i34 ELSE NULL END
                    ELSE NULL
                  END * 200
                ) + 1000000
              )
              THEN _q132 - 1
              WHEN (
                _q132 + 1
              ) * 2000000 <= (
                (
                  CASE
                    WHEN _i35 = 20
                    THEN CASE WHEN (
                      _i34 >= 6400000
                    ) AND (
                      _i34 <= 8000000
                    ) THEN _i34 ELSE NULL END
                    WHEN _i35 = 21
                    THEN CASE WHEN (
                      _i34 >= 4800000
                    ) AND (
                      _i34 <= 6400000
                    ) THEN _i34 ELSE NULL END
                    WHEN _i35 = 17
                    THEN CASE WHEN (
                      _i34 >= 0
                    ) AND (
                      _i34 <= 4800000
                    ) THEN _i34 ELSE NULL END
                    ELSE NULL
                  END * 200
                ) + 1000000
              )
              THEN _q132 + 1
              ELSE _q132
            END AS _s135,
            _s139 + _s141 + _s143 + _s146 AS _g147
          FROM (
            SELECT
              _s4.*,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 768)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p12, _p11)
              END AS _vpf44,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 3072)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p13, _p14)
              END AS _vpf45,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 12288)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p16, _p15)
              END AS _vpf47,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 3)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p3, _p4)
              END AS _vpf48,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 5)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p3, _p5)
              END AS _vpf49,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 9)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p3, _p6)
              END AS _vpf50,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 196608)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p20, _p19)
              END AS _vpf51,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 263168)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p13, _p21)
              END AS _vpf52,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 1572864)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p23, _p22)
              END AS _vpf53,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 1610612736)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p32, _p33)
              END AS _vpf54,
              CASE
                WHEN NOT _p7 IS NULL
                THEN 0
                WHEN _i4 = 16
                THEN 300
                WHEN _i4 = 18
                THEN 240
                WHEN _i4 = 15
                THEN 180
                WHEN _i4 = 19
                THEN 0
                ELSE NULL
              END AS _s56,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 224)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p8, _p9, _p10)
              END AS _cf57,
              CASE
                WHEN _ln59 <= 0
                THEN 14
                WHEN _ln60 = 0
                THEN 12
                WHEN _ln62 > (
                  3 * (
                    _ld61 * 10
                  )
                )
                THEN 3
                ELSE 2
              END AS _lb63,
              CAST(FLOOR(
                CAST((
                  (
                    (
                      (
                        3 * (
                          _ld61 * 10
                        )
                      ) - _ln62
                    ) * 200
                  ) + (
                    _ld61 * 10
                  )
                ) AS DOUBLE) / NULLIF((
                  _ld61 * 10
                ) * 2, 0)
              ) AS DECIMAL(38, 0)) AS _q64,
              _ln67 * 3 AS _ln69,
              CASE WHEN _ln76 <= 0 THEN 14 WHEN _ln78 = 0 THEN 12 WHEN _ln78 > 20 THEN 3 ELSE 2 END AS _lb79,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 49152)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p17, _p18)
              END AS _lpf88,
              CASE
                WHEN _ln102 <= 0
                THEN 14
                WHEN _ln103 = 0
                THEN 12
                WHEN _ln105 > (
                  3 * (
                    _ld104 * 10
                  )
                )
                THEN 3
                ELSE 2
              END AS _lb106,
              CAST(FLOOR(
                CAST((
                  (
                    (
                      (
                        3 * (
                          _ld104 * 10
                        )
                      ) - _ln105
                    ) * 200
                  ) + (
                    _ld104 * 10
                  )
                ) AS DOUBLE) / NULLIF((
                  _ld104 * 10
                ) * 2, 0)
              ) AS DECIMAL(38, 0)) AS _q107,
              CASE
                WHEN NOT _p24 IS NULL
                THEN 0
                WHEN _i23 = 16
                THEN 300
                WHEN _i23 = 18
                THEN 240
                WHEN _i23 = 15
                THEN 180
                WHEN _i23 = 19
                THEN 0
                ELSE NULL
              END AS _s113,
              CASE
                WHEN NOT _p25 IS NULL
                THEN 0
                WHEN (
                  3 - _i24
                ) >= 3
                THEN 300
                WHEN (
                  3 - _i24
                ) <= 0
                THEN 0
                ELSE (
                  3 - _i24
                ) * 100
              END AS _s115,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 25165824)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p26, _p27)
              END AS _cf116,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 100663296)
                  ) = 0
                )
                THEN NULL
                ELSE COALESCE(_p28, _p29)
              END AS _cf118,
              CASE
                WHEN NOT _p30 IS NULL
                THEN 0
                WHEN _i29 = 16
                THEN 300
                WHEN _i29 = 18
                THEN 240
                WHEN _i29 = 15
                THEN 180
                WHEN _i29 = 19
                THEN 0
                ELSE NULL
              END AS _s121,
              CASE
                WHEN NOT _p31 IS NULL
                THEN 0
                WHEN (
                  3 - _i30
                ) >= 3
                THEN 300
                WHEN (
                  3 - _i30
                ) <= 0
                THEN 0
                ELSE (
                  3 - _i30
                ) * 100
              END AS _s123,
              CASE
                WHEN NOT _p34 IS NULL
                THEN 0
                WHEN _ln128 >= 800000000
                THEN 800
                WHEN _ln128 <= 0
                THEN 0
                WHEN _q130 * 200000000 > (
                  (
                    _ln128 * 200
                  ) + 100000000
                )
                THEN _q130 - 1
                WHEN (
                  _q130 + 1
                ) * 200000000 <= (
                  (
                    _ln128 * 200
                  ) + 100000000
                )
                THEN _q130 + 1
                ELSE _q130
              END AS _s131,
              CASE
                WHEN (
                  (
                    BITWISE_AND(_bad2, 12884901888)
                  ) = 0
                )
                THEN _c133
                ELSE COALESCE(
                  _p36,
                  CASE
                    WHEN _i35 = 20
                    THEN COALESCE(
                      _p35,
                      CASE WHEN (
                        _i34 >= 6400000
                      ) AND (
                        _i34 <= 8000000
                      ) THEN NULL ELSE 6 END
                    )
                    ELSE COALESCE(
                      _p36,
                      CASE
                        WHEN _i35 = 21
                        THEN COALESCE(
                          _p35,
                          CASE WHEN (
                            _i34 >= 4800000
                          ) AND (
                            _i34 <= 6400000
                          ) THEN NULL ELSE 6 END
                        )
                        ELSE COALESCE(
                          _p36,
                          CASE
                            WHEN _i35 = 17
                            THEN COALESCE(_p35, CASE WHEN (
                              _i34 >= 0
                            ) AND (
                              _i34 <= 4800000
                            ) THEN NULL ELSE 6 END)
                          END
                        )
                      END
                    )
                  END,
                  CASE
                    WHEN _i35 = 20
                    THEN CASE WHEN (
                      _i34 >= 6400000
                    ) AND (
                      _i34 <= 8000000
                    ) THEN _p35 END
                    WHEN _i35 = 21
                    THEN CASE WHEN (
                      _i34 >= 4800000
                    ) AND (
                      _i34 <= 6400000
                    ) THEN _p35 END
                    WHEN _i35 = 17
                    THEN CASE WHEN (
                      _i34 >= 0
                    ) AND (
                      _i34 <= 4800000
                    ) THEN _p35 END
                  END
                )
              END AS _cf134,
              CASE
                WHEN NOT _p37 IS NULL
                THEN 0
                WHEN _i36 = 16
                THEN 600
                WHEN _i36 = 18
                THEN 480
                WHEN _i36 = 15
                THEN 360
                WHEN _i36 = 19
                THEN 0
                ELSE NULL
              END AS _s137,
              CASE
                WHEN NOT _p38 IS NULL
                THEN 0
                WHEN _i37 = 16
                THEN 500
                WHEN _i37 = 18
                THEN 400
                WHEN _i37 = 15
                THEN 300
                WHEN _i37 = 19
                THEN 0
                ELSE NULL
              END AS _s139,
              CASE
                WHEN NOT _p39 IS NULL
                THEN 0
                WHEN _i38 = 16
                THEN 500
                WHEN _i38 = 18
                THEN 400
                WHEN _i38 = 15
                THEN 300
                WHEN _i38 = 19
                THEN 0
                ELSE NULL
              END AS _s141,
              CASE
                WHEN NOT _p40 IS NULL
                THEN 0
                WHEN _i39 = 16
                THEN 500
                WHEN _i39 = 18
                THEN 400
                WHEN _i39 = 15
                THEN 300
                WHEN _i39 = 19
                THEN 0
                ELSE NULL
              END AS _s143,
              CASE
                WHEN NOT _p41 IS NULL
                THEN 0
                WHEN _i40 >= 90000000
                THEN 500
                WHEN _i40 >= 80000000
                THEN 400
                WHEN _i40 >= 60000000
                THEN 300
                WHEN TRUE
                THEN 0
                ELSE 0
              END AS _s146
            FROM (
              SELECT
                _s3.*,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 1)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "年初预算" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i0 > 0
                  )
                  THEN 4
                END AS _p3,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 2)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "预算执行金额" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i1 >= 0
                  )
                  THEN 4
                END AS _p4,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 4)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT "预算调整金额" IS NULL
                  THEN CASE WHEN NOT (
                    _i2 >= 0
                  ) THEN 4 END
                END AS _p5,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 8)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "结转结余金额" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i3 >= 0
                  )
                  THEN 4
                END AS _p6,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 16)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "工作规划评价" IS NULL
                  )
                  THEN 2
                  WHEN _i4 IS NULL
                  THEN 3
                END AS _p7,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 32)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "符合总体规划" IS NULL
                  )
                  THEN 2
                END AS _p8,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 64)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "目标细化分解" IS NULL
                  )
                  THEN 2
                END AS _p9,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 128)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "任务可以实现" IS NULL
                  )
                  THEN 2
                END AS _p10,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 256)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "在职人员数" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i8 >= 0
                  )
                  THEN 4
                END AS _p11,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 512)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "编制数" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i9 > 0
                  )
                  THEN 4
                END AS _p12,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 1024)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "本年三公经费预算" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i10 > 0
                  )
                  THEN 4
                END AS _p13,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 2048)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "上年三公经费预算" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i11 > 0
                  )
                  THEN 4
                END AS _p14,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 4096)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "重点项目支出" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i12 >= 0
                  )
                  THEN 4
                END AS _p15,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 8192)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "项目总支出" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i13 > 0
                  )
                  THEN 4
                END AS _p16,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 16384)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "第一季度支出进度达标" IS NULL
                  )
                  THEN 2
                END AS _p17,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 32768)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "第二季度支出进度达标" IS NULL
                  )
                  THEN 2
                END AS _p18,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 65536)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "公用经费实际支出" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i18 >= 0
                  )
                  THEN 4
                END AS _p19,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 131072)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "公用经费预算" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i19 > 0
                  )
                  THEN 4
                END AS _p20,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 262144)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "三公经费实际支出" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i20 >= 0
                  )
                  THEN 4
                END AS _p21,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 524288)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "政府采购支出" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i21 >= 0
                  )
                  THEN 4
                END AS _p22,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 1048576)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "政府采购预算" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i22 > 0
                  )
                  THEN 4
                END AS _p23,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 2097152)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "预算管理制度评价" IS NULL
                  )
                  THEN 2
                  WHEN _i23 IS NULL
                  THEN 3
                END AS _p24,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 4194304)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT "资金使用违规数" IS NULL
                  THEN CASE WHEN NOT (
                    _i24 >= 0
                  ) THEN 4 END
                END AS _p25,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 8388608)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "按规定公开预决算" IS NULL
                  )
                  THEN 2
                END AS _p26,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 16777216)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "按规定公开三公经费" IS NULL
                  )
                  THEN 2
                END AS _p27,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 33554432)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "基础数据真实完整" IS NULL
                  )
                  THEN 2
                END AS _p28,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 67108864)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "会计信息真实完整" IS NULL
                  )
                  THEN 2
                END AS _p29,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 134217728)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "资产管理制度评价" IS NULL
                  )
                  THEN 2
                  WHEN _i29 IS NULL
                  THEN 3
                END AS _p30,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 268435456)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT "资产管理问题数" IS NULL
                  THEN CASE WHEN NOT (
                    _i30 >= 0
                  ) THEN 4 END
                END AS _p31,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 536870912)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "固定资产总额" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i31 > 0
                  )
                  THEN 4
                END AS _p32,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 1073741824)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "在用固定资产总额" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i32 >= 0
                  )
                  THEN 4
                END AS _p33,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 2147483648)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "实际完成率" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i33 >= 0
                  )
                  THEN 4
                END AS _p34,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 4294967296)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "质量达标得分" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    _i34 >= 0
                  )
                  THEN 4
                END AS _p35,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 8589934592)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "质量达标等次" IS NULL
                  )
                  THEN 2
                  WHEN _i35 IS NULL
                  THEN 3
                END AS _p36,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 17179869184)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "重点工作评价" IS NULL
                  )
                  THEN 2
                  WHEN _i36 IS NULL
                  THEN 3
                END AS _p37,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 34359738368)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "经济效益评价" IS NULL
                  )
                  THEN 2
                  WHEN _i37 IS NULL
                  THEN 3
                END AS _p38,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 68719476736)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "社会效益评价" IS NULL
                  )
                  THEN 2
                  WHEN _i38 IS NULL
                  THEN 3
                END AS _p39,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 137438953472)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "生态效益评价" IS NULL
                  )
                  THEN 2
                  WHEN _i39 IS NULL
                  THEN 3
                END AS _p40,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 274877906944)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT (
                    NOT "满意度" IS NULL
                  )
                  THEN 2
                  WHEN NOT (
                    (
                      _i40 >= 0
                    ) AND (
                      _i40 <= 100000000
                    )
                  )
                  THEN 4
                END AS _p41,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 549755813888)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT "上年结转金额" IS NULL
                  THEN CASE WHEN NOT (
                    _i41 >= 0
                  ) THEN 4 END
                END AS _p42,
                CASE
                  WHEN (
                    (
                      BITWISE_AND(_bad2, 1099511627776)
                    ) = 0
                  )
                  THEN NULL
                  WHEN NOT "其他调整资金" IS NULL
                  THEN CASE WHEN NOT (
                    _i42 >= 0
                  ) THEN 4 END
                END AS _p43,
                _ln60 * 3 AS _ln62,
                CASE WHEN _ln66 <= 0 THEN 0 ELSE _ln66 * 100 END AS _ln67,
                CASE WHEN _ln66 <= 0 THEN 1 ELSE _i11 END AS _ld68,
                CASE
                  WHEN _ln76 <= 0
                  THEN 0
                  WHEN _q77 * _i0 > (
                    _ln76 * 100
                  )
                  THEN _q77 - 1
                  WHEN (
                    _q77 + 1
                  ) * _i0 <= (
                    _ln76 * 100
                  )
                  THEN _q77 + 1
                  ELSE _q77
                END AS _ln78,
                CASE WHEN _ln89 = 0 THEN 10 WHEN _ln89 > 4 THEN 3 ELSE 2 END AS _lb90,
                CASE
                  WHEN _ln93 <= 0
                  THEN 14
                  WHEN _ln94 = 0
                  THEN 12
                  WHEN _ln94 > (
                    2 * (
                      _ld95 * 10
                    )
                  )
                  THEN 3
                  ELSE 2
                END AS _lb96,
                CAST(FLOOR(
                  CAST((
                    (
                      (
                        (
                          2 * (
                            _ld95 * 10
                          )
                        ) - _ln94
                      ) * 200
                    ) + (
                      _ld95 * 10
                    )
                  ) AS DOUBLE) / NULLIF((
                    _ld95 * 10
                  ) * 2, 0)
                ) AS DECIMAL(38, 0)) AS _q97,
                _ln103 * 3 AS _ln105
              FROM (
                SELECT
                  _s2.*,
                  CASE
                    WHEN _ok1
                    THEN 0
                    ELSE CAST(CASE WHEN (
                      NOT "年初预算" IS NULL
                    ) AND (
                      _i0 > 0
                    ) THEN 0 ELSE 1 END + CASE WHEN (
                      NOT "预算执行金额" IS NULL
                    ) AND (
                      _i1 >= 0
                    ) THEN 0 ELSE 2 END + CASE
                      WHEN (
                        NOT (
                          NOT "预算调整金额" IS NULL
                        )
                      ) OR (
                        _i2 >= 0
                      )
                      THEN 0
                      ELSE 4
                    END + CASE WHEN (
                      NOT "结转结余金额" IS NULL
                    ) AND (
                      _i3 >= 0
                    ) THEN 0 ELSE 8 END + CASE WHEN (
                      NOT "工作规划评价" IS NULL
                    ) AND (
                      NOT _i4 IS NULL
                    ) THEN 0 ELSE 16 END + CASE WHEN NOT "符合总体规划" IS NULL THEN 0 ELSE 32 END + CASE WHEN NOT "目标细化分解" IS NULL THEN 0 ELSE 64 END + CASE WHEN NOT "任务可以实现" IS NULL THEN 0 ELSE 128 END + CASE WHEN (
                      NOT "在职人员数" IS NULL
                    ) AND (
                      _i8 >= 0
                    ) THEN 0 ELSE 256 END + CASE WHEN (
                      NOT "编制数" IS NULL
                    ) AND (
                      _i9 > 0
                    ) THEN 0 ELSE 512 END + CASE WHEN (
                      NOT "本年三公经费预算" IS NULL
                    ) AND (
                      _i10 > 0
                    ) THEN 0 ELSE 1024 END + CASE WHEN (
                      NOT "上年三公经费预算" IS NULL
                    ) AND (
                      _i11 > 0
                    ) THEN 0 ELSE 2048 END + CASE WHEN (
                      NOT "重点项目支出" IS NULL
                    ) AND (
                      _i12 >= 0
                    ) THEN 0 ELSE 4096 END + CASE WHEN (
                      NOT "项目总支出" IS NULL
                    ) AND (
                      _i13 > 0
                    ) THEN 0 ELSE 8192 END + CASE WHEN NOT "第一季度支出进度达标" IS NULL THEN 0 ELSE 16384 END + CASE WHEN NOT "第二季度支出进度达标" IS NULL THEN 0 ELSE 32768 END + CASE WHEN (
                      NOT "公用经费实际支出" IS NULL
                    ) AND (
                      _i18 >= 0
                    ) THEN 0 ELSE 65536 END + CASE WHEN (
                      NOT "公用经费预算" IS NULL
                    ) AND (
                      _i19 > 0
                    ) THEN 0 ELSE 131072 END + CASE WHEN (
                      NOT "三公经费实际支出" IS NULL
                    ) AND (
                      _i20 >= 0
                    ) THEN 0 ELSE 262144 END + CASE WHEN (
                      NOT "政府采购支出" IS NULL
                    ) AND (
                      _i21 >= 0
                    ) THEN 0 ELSE 524288 END + CASE WHEN (
                      NOT "政府采购预算" IS NULL
                    ) AND (
                      _i22 > 0
                    ) THEN 0 ELSE 1048576 END + CASE
                      WHEN (
                        NOT "预算管理制度评价" IS NULL
                      ) AND (
                        NOT _i23 IS NULL
                      )
                      THEN 0
                      ELSE 2097152
                    END + CASE
                      WHEN (
                        NOT (
                          NOT "资金使用违规数" IS NULL
                        )
                      ) OR (
                        _i24 >= 0
                      )
                      THEN 0
                      ELSE 4194304
                    END + CASE WHEN NOT "按规定公开预决算" IS NULL THEN 0 ELSE 8388608 END + CASE WHEN NOT "按规定公开三公经费" IS NULL THEN 0 ELSE 16777216 END + CASE WHEN NOT "基础数据真实完整" IS NULL THEN 0 ELSE 33554432 END + CASE WHEN NOT "会计信息真实完整" IS NULL THEN 0 ELSE 67108864 END + CASE
                      WHEN (
                        NOT "资产管理制度评价" IS NULL
                      ) AND (
                        NOT _i29 IS NULL
                      )
                      THEN 0
                      ELSE 134217728
                    END + CASE
                      WHEN (
                        NOT (
                          NOT "资产管理问题数" IS NULL
                        )
                      ) OR (
                        _i30 >= 0
                      )
                      THEN 0
                      ELSE 268435456
                    END + CASE WHEN (
                      NOT "固定资产总额" IS NULL
                    ) AND (
                      _i31 > 0
                    ) THEN 0 ELSE 536870912 END + CASE
                      WHEN (
                        NOT "在用固定资产总额" IS NULL
                      ) AND (
                        _i32 >= 0
                      )
                      THEN 0
                      ELSE 1073741824
                    END + CASE WHEN (
                      NOT "实际完成率" IS NULL
                    ) AND (
                      _i33 >= 0
                    ) THEN 0 ELSE 2147483648 END + CASE WHEN (
                      NOT "质量达标得分" IS NULL
                    ) AND (
                      _i34 >= 0
                    ) THEN 0 ELSE 4294967296 END + CASE
                      WHEN (
                        NOT "质量达标等次" IS NULL
                      ) AND (
                        NOT _i35 IS NULL
                      )
                      THEN 0
                      ELSE 8589934592
                    END + CASE
                      WHEN (
                        NOT "重点工作评价" IS NULL
                      ) AND (
                        NOT _i36 IS NULL
                      )
                      THEN 0
                      ELSE 17179869184
                    END + CASE
                      WHEN (
                        NOT "经济效益评价" IS NULL
                      ) AND (
                        NOT _i37 IS NULL
                      )
                      THEN 0
                      ELSE 34359738368
                    END + CASE
                      WHEN (
                        NOT "社会效益评价" IS NULL
                      ) AND (
                        NOT _i38 IS NULL
                      )
                      THEN 0
                      ELSE 68719476736
                    END + CASE
                      WHEN (
                        NOT "生态效益评价" IS NULL
                      ) AND (
                        NOT _i39 IS NULL
                      )
                      THEN 0
                      ELSE 137438953472
                    END + CASE
                      WHEN (
                        NOT "满意度" IS NULL
                      )
                      AND (
                        (
                          _i40 >= 0
                        ) AND (
                          _i40 <= 100000000
                        )
                      )
                      THEN 0
                      ELSE 274877906944
                    END + CASE
                      WHEN (
                        NOT (
                          NOT "上年结转金额" IS NULL
                        )
                      ) OR (
                        _i41 >= 0
                      )
                      THEN 0
                      ELSE 549755813888
                    END + CASE
                      WHEN (
                        NOT (
                          NOT "其他调整资金" IS NULL
                        )
                      ) OR (
                        _i42 >= 0
                      )
                      THEN 0
                      ELSE 1099511627776
                    END AS BIGINT)
                  END AS _bad2,
                  CASE WHEN _ln59 <= 0 THEN 0 ELSE _ln59 * 100 END AS _ln60,
                  CASE WHEN _ln59 <= 0 THEN 1 ELSE _i9 END AS _ld61,
                  _vn46 - (
                    0 * _i11
                  ) AS _ln66,
                  CASE WHEN _ln73 IS NULL THEN 9 ELSE 0 END AS _lb74,
                  CAST(FLOOR(CAST((
                    _ln76 * 100
                  ) AS DOUBLE) / NULLIF(_i0, 0)) AS DECIMAL(38, 0)) AS _q77,
                  CASE WHEN _ln81 IS NULL THEN 9 ELSE 0 END AS _lb82,
                  (
                    CASE WHEN _lb84 THEN 1 ELSE 0 END + CASE WHEN _lb85 THEN 1 ELSE 0 END
                  ) + (
                    CASE WHEN _lb86 THEN 1 ELSE 0 END + CASE WHEN _lb87 THEN 1 ELSE 0 END
                  ) AS _ln89,
                  CASE WHEN _ln93 <= 0 THEN 0 ELSE _ln93 * 100 END AS _ln94,
                  CASE WHEN _ln93 <= 0 THEN 1 ELSE _i0 END AS _ld95,
                  CASE WHEN _lb99 THEN 7 ELSE 13 END AS _lb100,
                  CASE WHEN _ln102 <= 0 THEN 0 ELSE _ln102 * 100 END AS _ln103,
                  CASE WHEN _ln102 <= 0 THEN 1 ELSE _i10 END AS _ld104,
                  CASE WHEN _ln109 IS NULL THEN 9 ELSE 0 END AS _lb110,
                  CASE WHEN _ln124 > (
                    4 * _i31
                  ) THEN 1 WHEN _ln124 < 0 THEN 8 ELSE 11 END AS _lb125,
                  CAST(FLOOR(CAST((
                    (
                      _ln124 * 200
                    ) + _i31
                  ) AS DOUBLE) / NULLIF(_i31 * 2, 0)) AS DECIMAL(38, 0)) AS _q126,
                  CASE WHEN _ln128 > 800000000 THEN 1 WHEN _ln128 < 0 THEN 8 ELSE 11 END AS _lb129,
                  CAST(FLOOR(CAST((
                    (
                      _ln128 * 200
                    ) + 100000000
                  ) AS DOUBLE) / NULLIF(200000000, 0)) AS DECIMAL(38, 0)) AS _q130,
                  CASE WHEN _ln144 IS NULL THEN 9 ELSE 0 END AS _lb145
                FROM (
                  SELECT
                    _s1.*,
                    (
                      (
                        NOT "年初预算" IS NULL
                      ) AND (
                        _i0 > 0
                      )
                    )
                    AND (
                      (
                        NOT "预算执行金额" IS NULL
                      ) AND (
                        _i1 >= 0
                      )
                    )
                    AND (
                      (
                        NOT (
                          NOT "预算调整金额" IS NULL
                        )
                      ) OR (
                        _i2 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "结转结余金额" IS NULL
                      ) AND (
                        _i3 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "工作规划评价" IS NULL
                      ) AND (
                        NOT _i4 IS NULL
                      )
                    )
                    AND (
                      NOT "符合总体规划" IS NULL
                    )
                    AND (
                      NOT "目标细化分解" IS NULL
                    )
                    AND (
                      NOT "任务可以实现" IS NULL
                    )
                    AND (
                      (
                        NOT "在职人员数" IS NULL
                      ) AND (
                        _i8 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "编制数" IS NULL
                      ) AND (
                        _i9 > 0
                      )
                    )
                    AND (
                      (
                        NOT "本年三公经费预算" IS NULL
                      ) AND (
                        _i10 > 0
                      )
                    )
                    AND (
                      (
                        NOT "上年三公经费预算" IS NULL
                      ) AND (
                        _i11 > 0
                      )
                    )
                    AND (
                      (
                        NOT "重点项目支出" IS NULL
                      ) AND (
                        _i12 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "项目总支出" IS NULL
                      ) AND (
                        _i13 > 0
                      )
                    )
                    AND (
                      NOT "第一季度支出进度达标" IS NULL
                    )
                    AND (
                      NOT "第二季度支出进度达标" IS NULL
                    )
                    AND (
                      (
                        NOT "公用经费实际支出" IS NULL
                      ) AND (
                        _i18 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "公用经费预算" IS NULL
                      ) AND (
                        _i19 > 0
                      )
                    )
                    AND (
                      (
                        NOT "三公经费实际支出" IS NULL
                      ) AND (
                        _i20 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "政府采购支出" IS NULL
                      ) AND (
                        _i21 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "政府采购预算" IS NULL
                      ) AND (
                        _i22 > 0
                      )
                    )
                    AND (
                      (
                        NOT "预算管理制度评价" IS NULL
                      ) AND (
                        NOT _i23 IS NULL
                      )
                    )
                    AND (
                      (
                        NOT (
                          NOT "资金使用违规数" IS NULL
                        )
                      ) OR (
                        _i24 >= 0
                      )
                    )
                    AND (
                      NOT "按规定公开预决算" IS NULL
                    )
                    AND (
                      NOT "按规定公开三公经费" IS NULL
                    )
                    AND (
                      NOT "基础数据真实完整" IS NULL
                    )
                    AND (
                      NOT "会计信息真实完整" IS NULL
                    )
                    AND (
                      (
                        NOT "资产管理制度评价" IS NULL
                      ) AND (
                        NOT _i29 IS NULL
                      )
                    )
                    AND (
                      (
                        NOT (
                          NOT "资产管理问题数" IS NULL
                        )
                      ) OR (
                        _i30 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "固定资产总额" IS NULL
                      ) AND (
                        _i31 > 0
                      )
                    )
                    AND (
                      (
                        NOT "在用固定资产总额" IS NULL
                      ) AND (
                        _i32 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "实际完成率" IS NULL
                      ) AND (
                        _i33 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "质量达标得分" IS NULL
                      ) AND (
                        _i34 >= 0
                      )
                    )
                    AND (
                      (
                        NOT "质量达标等次" IS NULL
                      ) AND (
                        NOT _i35 IS NULL
                      )
                    )
                    AND (
                      (
                        NOT "重点工作评价" IS NULL
                      ) AND (
                        NOT _i36 IS NULL
                      )
                    )
                    AND (
                      (
                        NOT "经济效益评价" IS NULL
                      ) AND (
                        NOT _i37 IS NULL
                      )
                    )
                    AND (
                      (
                        NOT "社会效益评价" IS NULL
                      ) AND (
                        NOT _i38 IS NULL
                      )
                    )
                    AND (
                      (
                        NOT "生态效益评价" IS NULL
                      ) AND (
                        NOT _i39 IS NULL
                      )
                    )
                    AND (
                      (
                        NOT "满意度" IS NULL
                      )
                      AND (
                        (
                          _i40 >= 0
                        ) AND (
                          _i40 <= 100000000
                        )
                      )
                    )
                    AND (
                      (
                        NOT (
                          NOT "上年结转金额" IS NULL
                        )
                      ) OR (
                        _i41 >= 0
                      )
                    )
                    AND (
                      (
                        NOT (
                          NOT "其他调整资金" IS NULL
                        )
                      ) OR (
                        _i42 >= 0
                      )
                    ) AS _ok1,
                    _i10 - _i11 AS _vn46,
                    CASE
                      WHEN _i4 = 16
                      THEN 5
                      WHEN _i4 = 18
                      THEN 4
                      WHEN _i4 = 15
                      THEN 3
                      WHEN _i4 = 19
                      THEN 0
                      ELSE NULL
                    END AS _ln55,
                    _i8 - _i9 AS _ln59,
                    CASE
                      WHEN (
                        _i12 * 10
                      ) >= (
                        9 * _i13
                      )
                      THEN 0
                      WHEN (
                        (
                          _i12 * 5
                        ) >= (
                          4 * _i13
                        )
                      )
                      AND (
                        (
                          _i12 * 10
                        ) < (
                          9 * _i13
                        )
                      )
                      THEN 1
                      WHEN (
                        (
                          _i12 * 10
                        ) >= (
                          7 * _i13
                        )
                      )
                      AND (
                        (
                          _i12 * 5
                        ) < (
                          4 * _i13
                        )
                      )
                      THEN 2
                      WHEN (
                        (
                          _i12 * 5
                        ) >= (
                          3 * _i13
                        )
                      )
                      AND (
                        (
                          _i12 * 10
                        ) < (
                          7 * _i13
                        )
                      )
                      THEN 3
                      WHEN TRUE
                      THEN 4
                      ELSE NULL
                    END AS _ln73,
                    _i0 - _i1 AS _ln76,
                    CASE
                      WHEN (
                        _i2 >= 0
                      ) AND (
                        _i2 <= 0
                      )
                      THEN 0
                      WHEN (
                        _i2 > 0
                      ) AND (
                        (
                          _i2 * 10
                        ) <= _i0
                      )
                      THEN 1
                      WHEN (
                        (
                          _i2 * 10
                        ) > _i0
                      ) AND (
                        (
                          _i2 * 5
                        ) <= _i0
                      )
                      THEN 2
                      WHEN (
                        (
                          _i2 * 5
                        ) > _i0
                      ) AND (
                        (
                          _i2 * 10
                        ) <= (
                          3 * _i0
                        )
                      )
                      THEN 3
                      WHEN TRUE
                      THEN 4
                      ELSE NULL
                    END AS _ln81,
                    NOT _i14 AS _lb84,
                    NOT _i15 AS _lb85,
                    NOT _i16 AS _lb86,
                    NOT _i17 AS _lb87,
                    _i3 - (
                      0 * _i0
                    ) AS _ln93,
                    _i18 <= _i19 AS _lb99,
                    _i20 - _i10 AS _ln102,
                    CASE
                      WHEN (
                        _i21 * 20
                      ) >= (
                        19 * _i22
                      )
                      THEN 0
                      WHEN (
                        _i21 * 10
                      ) >= (
                        9 * _i22
                      )
                      THEN 1
                      WHEN (
                        _i21 * 5
                      ) >= (
                        4 * _i22
                      )
                      THEN 2
                      WHEN TRUE
                      THEN 3
                      ELSE NULL
                    END AS _ln109,
                    CASE
                      WHEN _i23 = 16
                      THEN 5
                      WHEN _i23 = 18
                      THEN 4
                      WHEN _i23 = 15
                      THEN 3
                      WHEN _i23 = 19
                      THEN 0
                      ELSE NULL
                    END AS _ln112,
                    CASE WHEN _i24 <= 0 THEN 10 WHEN _i24 > 3 THEN 3 ELSE 2 END AS _lb114,
                    CASE
                      WHEN _i29 = 16
                      THEN 5
                      WHEN _i29 = 18
                      THEN 4
                      WHEN _i29 = 15
                      THEN 3
                      WHEN _i29 = 19
                      THEN 0
                      ELSE NULL
                    END AS _ln120,
                    CASE WHEN _i30 <= 0 THEN 10 WHEN _i30 > 3 THEN 3 ELSE 2 END AS _lb122,
                    _i32 * 4 AS _ln124,
                    _i33 * 8 AS _ln128,
                    CAST(FLOOR(
                      CAST((
                        (
                          CASE
                            WHEN _i35 = 20
                            THEN CASE WHEN (
                              _i34 >= 6400000
                            ) AND (
                              _i34 <= 8000000
                            ) THEN _i34 ELSE NULL END
                            WHEN _i35 = 21
                            THEN CASE WHEN (
                              _i34 >= 4800000
                            ) AND (
                              _i34 <= 6400000
                            ) THEN _i34 ELSE NULL END
                            WHEN _i35 = 17
                            THEN CASE WHEN (
                              _i34 >= 0
                            ) AND (
                              _i34 <= 4800000
                            ) THEN _i34 ELSE NULL END
                            ELSE NULL
                          END * 200
                        ) + 1000000
                      ) AS DOUBLE) / NULLIF(2000000, 0)
                    ) AS DECIMAL(38, 0)) AS _q132,
                    CASE
                      WHEN _i35 = 20
                      THEN CASE WHEN (
                        _i34 >= 6400000
                      ) AND (
                        _i34 <= 8000000
                      ) THEN NULL ELSE 6 END
                      WHEN _i35 = 21
                      THEN CASE WHEN (
                        _i34 >= 4800000
                      ) AND (
                        _i34 <= 6400000
                      ) THEN NULL ELSE 6 END
                      WHEN _i35 = 17
                      THEN CASE WHEN (
                        _i34 >= 0
                      ) AND (
                        _i34 <= 4800000
                      ) THEN NULL ELSE 6 END
                    END AS _c133,
                    CASE
                      WHEN _i36 = 16
                      THEN 5
                      WHEN _i36 = 18
                      THEN 4
                      WHEN _i36 = 15
                      THEN 3
                      WHEN _i36 = 19
                      THEN 0
                      ELSE NULL
                    END AS _ln136,
                    CASE
                      WHEN _i37 = 16
                      THEN 5
                      WHEN _i37 = 18
                      THEN 4
                      WHEN _i37 = 15
                      THEN 3
                      WHEN _i37 = 19
                      THEN 0
                      ELSE NULL
                    END AS _ln138,
                    CASE
                      WHEN _i38 = 16
                      THEN 5
                      WHEN _i38 = 18
                      THEN 4
                      WHEN _i38 = 15
                      THEN 3
                      WHEN _i38 = 19
                      THEN 0
                      ELSE NULL
                    END AS _ln140,
                    CASE
                      WHEN _i39 = 16
                      THEN 5
                      WHEN _i39 = 18
                      THEN 4
                      WHEN _i39 = 15
                      THEN 3
                      WHEN _i39 = 19
                      THEN 0
                      ELSE NULL
                    END AS _ln142,
                    CASE
                      WHEN _i40 >= 90000000
                      THEN 0
                      WHEN _i40 >= 80000000
                      THEN 1
                      WHEN _i40 >= 60000000
                      THEN 2
                      WHEN TRUE
                      THEN 3
                      ELSE NULL
                    END AS _ln144
                  FROM (
                    SELECT
                      _t.*,
                      CAST(CAST("年初预算" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i0,
                      CAST(CAST("预算执行金额" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i1,
                      COALESCE(CAST(CAST("预算调整金额" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)), 0) AS _i2,
                      CAST(CAST("结转结余金额" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i3,
                      CASE
                        WHEN _m4 IS NULL
                        THEN CASE TRIM("工作规划评价")
                          WHEN '一般'
                          THEN 15
                          WHEN '好'
                          THEN 16
                          WHEN '较好'
                          THEN 18
                          WHEN '较差'
                          THEN 19
                        END
                        ELSE _m4
                      END AS _i4,
                      "符合总体规划" AS _i5,
                      "目标细化分解" AS _i6,
                      "任务可以实现" AS _i7,
                      CAST("在职人员数" AS DECIMAL(38, 0)) AS _i8,
                      CAST("编制数" AS DECIMAL(38, 0)) AS _i9,
                      CAST(CAST("本年三公经费预算" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i10,
                      CAST(CAST("上年三公经费预算" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i11,
                      CAST(CAST("重点项目支出" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i12,
                      CAST(CAST("项目总支出" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i13,
                      "第一季度支出进度达标" AS _i14,
                      "第二季度支出进度达标" AS _i15,
                      COALESCE("第三季度支出进度达标", TRUE) AS _i16,
                      COALESCE("十一月底支出进度达标", TRUE) AS _i17,
                      CAST(CAST("公用经费实际支出" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i18,
                      CAST(CAST("公用经费预算" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i19,
                      CAST(CAST("三公经费实际支出" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i20,
                      CAST(CAST("政府采购支出" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i21,
                      CAST(CAST("政府采购预算" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i22,
                      CASE
                        WHEN _m23 IS NULL
                        THEN CASE TRIM("预算管理制度评价")
                          WHEN '一般'
                          THEN 15
                          WHEN '好'
                          THEN 16
                          WHEN '较好'
                          THEN 18
                          WHEN '较差'
                          THEN 19
                        END
                        ELSE _m23
                      END AS _i23,
                      COALESCE(CAST("资金使用违规数" AS DECIMAL(38, 0)), 0) AS _i24,
                      "按规定公开预决算" AS _i25,
                      "按规定公开三公经费" AS _i26,
                      "基础数据真实完整" AS _i27,
                      "会计信息真实完整" AS _i28,
                      CASE
                        WHEN _m29 IS NULL
                        THEN CASE TRIM("资产管理制度评价")
                          WHEN '一般'
                          THEN 15
                          WHEN '好'
                          THEN 16
                          WHEN '较好'
                          THEN 18
                          WHEN '较差'
                          THEN 19
                        END
                        ELSE _m29
                      END AS _i29,
                      COALESCE(CAST("资产管理问题数" AS DECIMAL(38, 0)), 0) AS _i30,
                      CAST(CAST("固定资产总额" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i31,
                      CAST(CAST("在用固定资产总额" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i32,
                      CAST(CAST("实际完成率" AS DECIMAL(38, 8)) * 100000000 AS DECIMAL(38, 0)) AS _i33,
                      CAST(CAST("质量达标得分" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)) AS _i34,
                      CASE
                        WHEN _m35 IS NULL
                        THEN CASE TRIM("质量达标等次") WHEN '未达成' THEN 17 WHEN '达成' THEN 20 WHEN '部分达成' THEN 21 END
                        ELSE _m35
                      END AS _i35,
                      CASE
                        WHEN _m36 IS NULL
                        THEN CASE TRIM("重点工作评价")
                          WHEN '一般'
                          THEN 15
                          WHEN '好'
                          THEN 16
                          WHEN '较好'
                          THEN 18
                          WHEN '较差'
                          THEN 19
                        END
                        ELSE _m36
                      END AS _i36,
                      CASE
                        WHEN _m37 IS NULL
                        THEN CASE TRIM("经济效益评价")
                          WHEN '一般'
                          THEN 15
                          WHEN '好'
                          THEN 16
                          WHEN '较好'
                          THEN 18
                          WHEN '较差'
                          THEN 19
                        END
                        ELSE _m37
                      END AS _i37,
                      CASE
                        WHEN _m38 IS NULL
                        THEN CASE TRIM("社会效益评价")
                          WHEN '一般'
                          THEN 15
                          WHEN '好'
                          THEN 16
                          WHEN '较好'
                          THEN 18
                          WHEN '较差'
                          THEN 19
                        END
                        ELSE _m38
                      END AS _i38,
                      CASE
                        WHEN _m39 IS NULL
                        THEN CASE TRIM("生态效益评价")
                          WHEN '一般'
                          THEN 15
                          WHEN '好'
                          THEN 16
                          WHEN '较好'
                          THEN 18
                          WHEN '较差'
                          THEN 19
                        END
                        ELSE _m39
                      END AS _i39,
                      CAST(CAST("满意度" AS DECIMAL(38, 8)) * 100000000 AS DECIMAL(38, 0)) AS _i40,
                      COALESCE(CAST(CAST("上年结转金额" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)), 0) AS _i41,
                      COALESCE(CAST(CAST("其他调整资金" AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0)), 0) AS _i42
                    FROM (
                      SELECT
                        _t.*,
                        CASE "工作规划评价" WHEN '一般' THEN 15 WHEN '好' THEN 16 WHEN '较好' THEN 18 WHEN '较差' THEN 19 END AS _m4,
                        CASE "预算管理制度评价"
                          WHEN '一般'
                          THEN 15
                          WHEN '好'
                          THEN 16
                          WHEN '较好'
                          THEN 18
                          WHEN '较差'
                          THEN 19
                        END AS _m23,
                        CASE "资产管理制度评价"
                          WHEN '一般'
                          THEN 15
                          WHEN '好'
                          THEN 16
                          WHEN '较好'
                          THEN 18
                          WHEN '较差'
                          THEN 19
                        END AS _m29,
                        CASE "质量达标等次" WHEN '未达成' THEN 17 WHEN '达成' THEN 20 WHEN '部分达成' THEN 21 END AS _m35,
                        CASE "重点工作评价" WHEN '一般' THEN 15 WHEN '好' THEN 16 WHEN '较好' THEN 18 WHEN '较差' THEN 19 END AS _m36,
                        CASE "经济效益评价" WHEN '一般' THEN 15 WHEN '好' THEN 16 WHEN '较好' THEN 18 WHEN '较差' THEN 19 END AS _m37,
                        CASE "社会效益评价" WHEN '一般' THEN 15 WHEN '好' THEN 16 WHEN '较好' THEN 18 WHEN '较差' THEN 19 END AS _m38,
                        CASE "生态效益评价" WHEN '一般' THEN 15 WHEN '好' THEN 16 WHEN '较好' THEN 18 WHEN '较差' THEN 19 END AS _m39
                      FROM units AS _t
                    ) AS _t
                  ) AS _s1
                ) AS _s2
              ) AS _s3
            ) AS _s4
          ) AS _s5
        ) AS _s6
      ) AS _s7
    ) AS _s8
  ) AS _s9
) AS _units;
