// SPDX-License-Identifier: LGPL-2.1-or-later
/* registry.c: the output formats --format= knows, for option parsing, errors and --help. */
#include <stdio.h>
#include <string.h>
#include "sink.h"

extern const struct sink_ops sink_text_ops, sink_json_ops, sink_tef_ops, sink_perfetto_ops,
	sink_otlp_ops, sink_raw_ops, sink_uftrace_ops;

/* --format=NAME: a new format is one line here (and its file). */
const struct sink_ops *const sink_formats[] = {
	&sink_text_ops, &sink_json_ops, &sink_tef_ops, &sink_perfetto_ops, &sink_otlp_ops, &sink_raw_ops,
	&sink_uftrace_ops,
	NULL,
};

const struct sink_ops *sink_format_find(const char *name)
{
	for (int i = 0; sink_formats[i]; i++)
		if (!strcmp(sink_formats[i]->name, name))
			return sink_formats[i];
	return NULL;
}

const char *sink_format_list(void)
{
	static char buf[256];
	size_t n = 0;
	int count = 0;

	if (buf[0])
		return buf;
	while (sink_formats[count])
		count++;
	for (int i = 0; i < count && n < sizeof(buf); i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%s", i == 0 ? "" : i == count - 1 ? " or " : ", ",
			      sink_formats[i]->name);
	return buf;
}
