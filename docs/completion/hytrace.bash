# SPDX-License-Identifier: LGPL-2.1-or-later
# hytrace.bash: bash completion for hytrace(1); installed as share/bash-completion/completions/hytrace

_hytrace()
{
	local cur prev words cword
	_init_completion -s 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	}

	# after the command: complete its own arguments
	local i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--) _command_offset $((i + 1)) 2>/dev/null; return ;;
		-o | -s | -S | -u | -E | -e | -p | -I) ((i++)); continue ;;
		-*) continue ;;
		*) _command_offset "$i" 2>/dev/null; return ;;
		esac
	done

	case $prev in
	-o | --output | --input)
		_filedir 2>/dev/null || COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-p)
		COMPREPLY=($(compgen -W "$(command ls /proc | grep -E '^[0-9]+$')" -- "$cur"))
		return ;;
	-u)
		COMPREPLY=($(compgen -u -- "$cur"))
		return ;;
	-S)
		COMPREPLY=($(compgen -W "time calls errors name syscall avg-time min-time max-time total-time nothing none" -- "$cur"))
		return ;;
	-I)
		COMPREPLY=($(compgen -W "1 2 3 4 anywhere waiting never never_tstp" -- "$cur"))
		return ;;
	-e)
		COMPREPLY=($(compgen -W "trace= status= signal= raw= verbose= abbrev= quiet= inject= fault= read= write=" -- "$cur"))
		compopt -o nospace 2>/dev/null
		return ;;
	-s | -E)
		return ;;
	esac

	case $cur in
	--format=*)
		COMPREPLY=($(compgen -W "text json tef perfetto otlp raw" -- "${cur#*=}")); return ;;
	--backend=*)
		COMPREPLY=($(compgen -W "auto bpf ptrace" -- "${cur#*=}")); return ;;
	--color=* | --colour=*)
		COMPREPLY=($(compgen -W "auto always never" -- "${cur#*=}")); return ;;
	--otlp-syscalls=*)
		COMPREPLY=($(compgen -W "events spans none" -- "${cur#*=}")); return ;;
	--interruptible=*)
		COMPREPLY=($(compgen -W "anywhere waiting never never_tstp" -- "${cur#*=}")); return ;;
	--stack=*)
		COMPREPLY=($(compgen -W "fp dwarf" -- "${cur#*=}")); return ;;
	--input=* | --output=*)
		COMPREPLY=($(compgen -f -- "${cur#*=}")); return ;;
	--*)
		# the long options this hytrace knows, from its own --help
		local opts
		# (--NAME= where it takes a value: then the bare --NAME is dropped)
		opts=$("${words[0]}" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*=?' | sort -u |
			awk '{ n = $0; sub(/=$/, "", n); if (n in seen && $0 !~ /=$/) next; seen[n] = 1; o[n] = $0 }
			     END { for (n in o) print o[n] }')
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return ;;
	-*)
		COMPREPLY=($(compgen -W "-a -c -C -e -E -f -ff -h -I -j -o -p -q -qq -r -s -S -t -tt -ttt -T -u -v -V -x -xx -y -yy -z -Z" -- "$cur"))
		return ;;
	esac
	COMPREPLY=($(compgen -c -- "$cur"))
}
complete -F _hytrace hytrace
