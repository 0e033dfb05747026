/*
 * libFuzzer harness: the template loader (a --templates directory holding
 * one *.tmpl file: the input), and, when it loads, parse with it on a
 * form, so that every pattern a template builds runs under PCRE2's
 * limits. A bad template is an error naming the file, never a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "status.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *dir, *file;

/* A form with tables, fields and narrative, for the template to read. */
static const char form[] =
    "项目支出绩效自评表\n（2022年度）\n"
    "项目名称：\t测试项目\t主管部门：\t某局\n"
    "资金情况（万元）\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率\t得分\n"
    "年度资金总额\t100\t100\t99.5\t10\t99.5%\t9.9\n"
    "其中：财政拨款\t100\t100\t99.5\t—\t—\t—\n"
    "年度总体目标\t完成建设\n"
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "产出指标（50分）\t数量指标\t建成数量\t≥5个\t6个\t20\t20\t\n"
    "\t质量指标\t合格率\t=100%\t100%\t30\t28\t略\n"
    "合计\t\t\t\t\t100\t96\t\n"
    "自评等级：优秀\t填报日期：2023年3月1日\n"
    "一、主要成效\n1、建设：完成了5个。\n二、存在问题\n（1）进度慢。\n"
    "90（含）-100分为优秀，60分以下为差。\n";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	GError *error = NULL;

	(void)argc;
	(void)argv;
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	if ((dir = g_dir_make_tmp("fuzz-template-XXXXXX", &error)) == NULL)
		g_error("%s", error->message);
	file = g_build_filename(dir, "fuzz.tmpl", NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GError *error = NULL;
	struct parser *P;
	GString *out;
	int n, status;

	/* Without fsync: the harness ran at a sixth of a core waiting on it. */
	if (!g_file_set_contents_full(file, (const char *)data, (gssize)size,
	    G_FILE_SET_CONTENTS_NONE, 0600, &error))
		g_error("%s: %s", file, error->message);
	if ((P = parser_new(dir, &error)) == NULL) {
		if (error == NULL || strstr(error->message, "fuzz.tmpl") == NULL)
			abort();	/* the error names the file */
		g_error_free(error);
		return 0;
	}
	out = g_string_new(NULL);
	status = parser_run(P, "fuzz", form, sizeof form - 1, out, &n, &error);
	if ((status == SE_OK) != (error == NULL))
		abort();
	g_clear_error(&error);
	g_string_free(out, TRUE);
	parser_free(P);
	return 0;
}
