function __iijq_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __iijq_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __iijq_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __iijq_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __iijq_parse_tokens -S
    set -l unparsed_tokens (__iijq_tokens -pc)
    switch $unparsed_tokens[1]
    case 'iijq'
        __iijq_parse_subcommand -r 1 'c=+' 'format=' 'facts=+' 'transcript=' 'export=' 'o/output=' 'catalog=' 'help-topic=' 'layout=' 'labels=' 'bail' 'max-rows=' 'scale=' 'parentheses' 'q' 'init=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __iijq_parse_subcommand -r 1 'version'
        end
    end
end

function __iijq_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __iijq_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __iijq_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __iijq_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__iijq_tokens -p)
    if test -z "$(__iijq_tokens -t)"
        set -l index (count (__iijq_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'iijq' -f
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq"' -s 'c' -d 'Run a query (repeatable).' -rfka ''
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" format' -l 'format' -d 'Output format.' -rfka 'table csv tsv json markdown'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq"' -l 'facts' -d 'Load more facts from a .facts file beside the embedded ones (repeatable).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'facts\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" transcript' -l 'transcript' -d 'Record the statements and their results as Markdown, every figure with a footnote naming its slide.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'md\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" export' -l 'export' -d 'Write every fact (embedded and --facts) to standard output (or --output) and exit: csv, one row per fact, or sql, which creates and fills an indexed SQLite table.' -rfka 'csv sql'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" o output' -s 'o' -l 'output' -d 'Write results to FILE instead of standard output, whole or not at all: through a temporary file renamed into place, left as it was if --bail stops the run.' -rF
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" catalog' -l 'catalog' -d 'Print the catalogue of metrics, dimensions and documents (text or markdown) and exit.' -rfka 'text markdown'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" help-topic' -l 'help-topic' -d 'Print a help topic (as .help TOPIC does in the shell) and exit; \'list\' names them.' -rfka 'list syntax periods dimensions functions units stocks-flows targets output charts provenance scripts commands keys'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" layout' -l 'layout' -d 'How csv, tsv and json lay a result out: long, one record per cell, or wide, the pivot as the table shows it (a record per row, a field per period).' -rfka 'long wide'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" labels' -l 'labels' -d 'Name metrics, dimensions and members in tables and charts in English (en) or in Japanese where the fact base declares it (ja).' -rfka 'en ja'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" bail' -l 'bail' -d 'Stop at the first statement that fails.'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" max-rows' -l 'max-rows' -d 'Show at most N rows of a table and say how many more there are.' -rfka ''
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" scale' -l 'scale' -d 'Show money at one scale (bn, 億円, mn, thousand, yen) instead of each metric\'s own; auto: each metric\'s.' -rfka ''
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" parentheses' -l 'parentheses' -d 'Show negative numbers in tables as (1,234) instead of -1,234.'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" q' -s 'q' -d 'Do not print the shell\'s banner.'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" init' -l 'init' -d 'Run FILE before the shell\'s first prompt (default: ~/.config/iijq/init.iq, if present).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'iq\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_positional "iijq" -ge 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'iq\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" version' -l 'version' -d 'Show the version.'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_positional "iijq" -eq 2' -fa 'help' -d 'Show subcommand help information.'
complete -c 'iijq' -n '__iijq_should_offer_completions_for_flags_or_options "iijq help" version' -l 'version' -d 'Show the version.'
