// SiddhiQL 5.x, written for Cepheus.
//
// Conventions that keep the generated C++ compiling and the error messages readable:
// * every keyword token is K_<WORD> (NULL, not, and, ... are C++ keywords or macros);
// * keywords are case-insensitive (letter fragments), identifiers are case-sensitive;
// * every keyword is also a name, as in Siddhi (`name : id | keyword`): `define stream Order`,
//   an attribute `window`. Where both readings fit, the order of alternatives picks the plain
//   one (a stream named `every` over a pattern, `true` the constant over an attribute);
// * a sign belongs to numeric literals only (`-5`, `x * -1.0`); `-x` is a syntax error;
// * rules that read better as code (a computed select item needs `as`, time units go from the
//   largest to the smallest, ...) are checked after parsing: src/parse/syntax_checks.h.

grammar SiddhiQL;

@parser::members {
  // A keyword is a name except where the token after it shows it is meant as the keyword: a
  // name is never directly followed by a name, a string or a number, nor by the rest of a
  // clause such as `insert into`, `group by`, `output every`. There a missing name before the
  // keyword is reported at it ("unexpected 'insert': expected a name") instead of at whatever
  // comes next, and `from every e1=A` is a pattern. During prediction ANTLR evaluates it only
  // where no token has been consumed yet; the `name` rule itself always does.
  bool keywordIsName() {
    size_t next = _input->LA(2);
    switch (next) {
      case ID: case QUOTED_ID: case STRING_LITERAL:
      case INT_LITERAL: case LONG_LITERAL: case DOUBLE_LITERAL: case FLOAT_LITERAL:
        return false;
      default:
        break;
    }
    switch (_input->LA(1)) {
      case K_INSERT:
        return next != K_INTO && next != K_ALL && next != K_EXPIRED && next != K_CURRENT &&
               next != K_EVENTS;
      case K_GROUP:
      case K_ORDER:
        return next != K_BY;
      case K_AGGREGATE:
        // `aggregate by ts every ...` is the one place a name comes before `every`.
        return next != K_BY && (next != K_EVERY || _input->LA(-1) == K_BY);
      case K_OUTPUT:
        return next != K_ALL && next != K_FIRST && next != K_LAST && next != K_SNAPSHOT &&
               (next != K_EVERY || _input->LA(-1) == K_BY);
      case K_PARTITION:
        return next != K_WITH;
      default:
        return true;
    }
  }
}

// =============================================================================================
// Entry points
//
// Every decision below is made by the next one to three tokens. Rules that would need ANTLR to
// look far ahead (which kind of element an annotation belongs to, whether `S[...]` starts a
// join or a pattern) are factored so that a syntax error deep inside still gets a precise
// "expected ..." message. The ordering and shape rules this loosens are checked after parsing
// (src/parse/syntax_checks.cpp).

siddhiApp
    : appAnnotation* (element (';' element)* ';'?)? EOF
    ;

// Definitions must come before queries and partitions: checked after parsing.
element
    : annotation* (definition | query | partition)
    ;

onDemandQueryInput
    : onDemandQuery ';'? EOF
    ;

// A lone expression: the text of an expression window's parameter (`expression('count() <= 2')`).
expressionInput
    : expression EOF
    ;

// =============================================================================================
// Annotations

appAnnotation
    : '@' K_APP ':' name ('(' (annotationElement (',' annotationElement)*)? ')')?
    ;

annotation
    : '@' annotationName (':' name)? ('(' (annotationItem (',' annotationItem)*)? ')')?
    ;

// `app` is left out so that `@app:...` always starts the app annotations.
annotationName
    : ID | QUOTED_ID | keyword
    ;

annotationItem
    : annotation
    | annotationElement
    ;

annotationElement
    : (annotationKey '=')? annotationValue
    ;

// Keys are dotted and may contain any word: `on.error`, `is.event.logged`, `buffer.size`.
annotationKey
    : annotationWord ('.' annotationWord)*
    ;

annotationWord
    : name
    ;

annotationValue
    : stringLiteral | signedNumber | K_TRUE | K_FALSE
    ;

// =============================================================================================
// Definitions (their annotations belong to the enclosing `element`)

definition
    : streamDefinition
    | tableDefinition
    | windowDefinition
    | triggerDefinition
    | aggregationDefinition
    | functionDefinition
    ;

streamDefinition
    : K_DEFINE K_STREAM streamId '(' attributeList ')'
    ;

tableDefinition
    : K_DEFINE K_TABLE name '(' attributeList ')'
    ;

windowDefinition
    : K_DEFINE K_WINDOW name '(' attributeList ')' functionCall (K_OUTPUT outputEventType)?
    ;

triggerDefinition
    : K_DEFINE K_TRIGGER name K_AT (K_EVERY timeValue | stringLiteral)
    ;

aggregationDefinition
    : K_DEFINE K_AGGREGATION name K_FROM streamId streamHandler* querySection
      K_AGGREGATE (K_BY attributeReference)? K_EVERY aggregationPeriods
    ;

// `sec ... year` (a range) or `sec, min, day` (a list)
aggregationPeriods
    : timeUnit '...' timeUnit
    | timeUnit (',' timeUnit)*
    ;

functionDefinition
    : K_DEFINE K_FUNCTION name '[' name ']' K_RETURN attributeType FUNCTION_BODY
    ;

attributeList
    : attribute (',' attribute)*
    ;

attribute
    : name attributeType
    ;

attributeType
    : K_STRING | K_INT | K_LONG | K_FLOAT | K_DOUBLE | K_BOOL | K_OBJECT
    ;

// =============================================================================================
// Partitions and queries

partition
    : K_PARTITION K_WITH '(' partitionKey (',' partitionKey)* ')'
      K_BEGIN annotatedQuery (';' annotatedQuery)* ';'? K_END
    ;

// `symbol of S` (value) or `price < 10 as 'low' or price >= 10 as 'high' of S` (range)
partitionKey
    : expression (K_AS stringLiteral (K_OR rangeCondition)*)? K_OF streamId
    ;

rangeCondition
    : expression K_AS stringLiteral
    ;

annotatedQuery
    : annotation* query
    ;

query
    : K_FROM queryInput querySection? outputRate? queryOutput
    ;

// The first state is parsed before deciding what the input is: followed by a join it is the
// join's left side, followed by `->` or `,` it starts a pattern or sequence; alone it is a
// plain stream (or a one-state pattern such as `every e1=A`).
queryInput
    : stateElement (joinTail | chainTail)?
    ;

joinTail
    : (K_AS leftAlias=name)? leftUni=K_UNIDIRECTIONAL? joinType right=joinSource
      rightUni=K_UNIDIRECTIONAL?
      (K_ON on=expression)?
      (K_WITHIN withinStart=expression (',' withinEnd=expression)?)?
      (K_PER per=expression)?
    ;

joinSource
    : streamId streamHandler* (K_AS name)?
    ;

joinType
    : K_INNER? K_JOIN
    | K_LEFT K_OUTER K_JOIN
    | K_RIGHT K_OUTER K_JOIN
    | K_FULL? K_OUTER K_JOIN
    ;

// `->` makes a pattern, `,` a sequence; mixing them is rejected after parsing.
chainTail
    : (('->' | ',') stateElement)+ (K_WITHIN timeValue)?
    | K_WITHIN timeValue
    ;

stateChain
    : stateElement (('->' | ',') stateElement)*
    ;

// The forms without `every` come first: `from Every select * ...` reads a stream named Every
// (the same text is also `every` over a sequence state `select*`).
stateElement
    : '(' stateChain ')'                                        # groupElement
    | stateOperand ((K_AND | K_OR) stateOperand)?               # sourceElement
    | K_EVERY '(' stateChain ')'                                # groupElement
    | K_EVERY stateOperand ((K_AND | K_OR) stateOperand)?       # sourceElement
    ;

stateOperand
    : (name '=')? streamId streamHandler* stateCount?           # presentState
    | K_NOT streamId streamHandler* (K_FOR timeValue)?          # absentState
    ;

// <n>, <n:m>, <n:>, <:m> in patterns and sequences; + * ? in sequences only.
stateCount
    : '<' (exact=INT_LITERAL | low=INT_LITERAL? ':' high=INT_LITERAL?) '>'
    | '+'
    | '*'
    | '?'
    ;

streamId
    : ('#' | '!')? name
    ;

streamHandler
    : '[' expression ']'                    # filterHandler
    | '#' K_WINDOW '.' functionCall         # windowHandler
    | '#' functionCall                      # functionHandler
    ;

// ---- selection

querySection
    : K_SELECT ('*' | outputAttribute (',' outputAttribute)*)
      groupBy? havingClause? orderBy? limitClause? offsetClause?
    ;

// `as` is optional only for plain attribute references; checked after parsing so the message
// can say what is missing.
outputAttribute
    : expression (K_AS name)?
    ;

groupBy
    : K_GROUP K_BY attributeReference (',' attributeReference)*
    ;

havingClause
    : K_HAVING expression
    ;

orderBy
    : K_ORDER K_BY orderByItem (',' orderByItem)*
    ;

orderByItem
    : attributeReference (K_ASC | K_DESC)?
    ;

limitClause
    : K_LIMIT expression
    ;

offsetClause
    : K_OFFSET expression
    ;

// ---- output rate and output

outputRate
    : K_OUTPUT (K_ALL | K_FIRST | K_LAST)? K_EVERY (timeValue | INT_LITERAL K_EVENTS) # periodicRate
    | K_OUTPUT K_SNAPSHOT K_EVERY timeValue                                       # snapshotRate
    ;

queryOutput
    : K_INSERT outputEventType? K_INTO streamId                                       # insertOutput
    | K_DELETE name forEvents? K_ON expression                                        # deleteOutput
    | K_UPDATE K_OR K_INSERT K_INTO name forEvents? setClause? K_ON expression        # upsertOutput
    | K_UPDATE name forEvents? setClause? K_ON expression                             # updateOutput
    | K_RETURN outputEventType?                                                       # returnOutput
    ;

forEvents
    : K_FOR outputEventType
    ;

outputEventType
    : K_ALL K_EVENTS
    | K_EXPIRED K_EVENTS
    | K_CURRENT? K_EVENTS
    ;

setClause
    : K_SET setAssignment (',' setAssignment)*
    ;

setAssignment
    : attributeReference '=' expression
    ;

// =============================================================================================
// On-demand (store) queries

onDemandQuery
    : K_FROM source=name (K_AS alias=name)? (K_ON on=expression)?
      (K_WITHIN withinStart=expression (',' withinEnd=expression)?)? (K_PER per=expression)?
      querySection?                                                          # findQuery
    | querySection? onDemandOutput                                           # modifyQuery
    ;

onDemandOutput
    : K_INSERT K_INTO name                                                   # insertQuery
    | K_DELETE name (K_ON expression)?                                       # deleteQuery
    | K_UPDATE K_OR K_INSERT K_INTO name setClause? K_ON expression          # upsertQuery
    | K_UPDATE name setClause? K_ON expression                               # updateQuery
    ;

// =============================================================================================
// Expressions, highest precedence first

// `constant` before `functionCall` and `attributeReference`: `true` and `false` are the
// constants, not attributes of those names (which `S.true` still reaches).
expression
    : '(' expression ')'                                    # parenExpr
    | indexedStreamRef K_IS K_NULL                          # streamIsNullExpr
    | expression K_IS K_NULL                                # isNullExpr
    | K_NOT expression                                      # notExpr
    | expression op=('*' | '/' | '%') expression            # multiplicativeExpr
    | expression op=('+' | '-') expression                  # additiveExpr
    | expression op=('<' | '<=' | '>' | '>=') expression    # relationalExpr
    | expression op=('==' | '!=') expression                # equalityExpr
    | expression K_IN name                                  # inExpr
    | expression K_AND expression                           # andExpr
    | expression K_OR expression                            # orExpr
    | constant                                              # constantExpr
    | functionCall                                          # functionExpr
    | attributeReference                                    # attributeExpr
    ;

// `e1[0] is null`, `e1[last] is null`
indexedStreamRef
    : '#'? name '[' eventIndex ']'
    ;

// [ns:]name(args); names include every keyword: `and`/`or`, the boolean aggregators, and
// functions such as regex:group.
functionCall
    : (ns=name ':')? functionName '(' ('*' | expression (',' expression)*)? ')'
    ;

functionName
    : name
    ;

// name, S.name, #S.name, e1.name, e1[0].name, e1[last-1].name
attributeReference
    : (streamQualifier '.')? name
    ;

streamQualifier
    : '#'? name ('[' eventIndex ']')?
    ;

eventIndex
    : INT_LITERAL
    | K_LAST ('-' INT_LITERAL)?
    ;

constant
    : timeValue
    | signedNumber
    | stringLiteral
    | K_TRUE
    | K_FALSE
    ;

signedNumber
    : ('-' | '+')? (INT_LITERAL | LONG_LITERAL | DOUBLE_LITERAL | FLOAT_LITERAL)
    ;

// `1 hour 30 min`
timeValue
    : timePart+
    ;

timePart
    : INT_LITERAL timeUnit
    ;

timeUnit
    : K_YEAR | K_YEARS | K_MONTH | K_MONTHS | K_WEEK | K_WEEKS | K_DAY | K_DAYS
    | K_HOUR | K_HOURS | K_MIN | K_MINUTE | K_MINUTES | K_SEC | K_SECOND | K_SECONDS
    | K_MILLISEC | K_MILLISECOND | K_MILLISECONDS
    ;

stringLiteral
    : STRING_LITERAL
    ;

// =============================================================================================
// Names

name
    : ID | QUOTED_ID | K_APP
    | {keywordIsName()}? keyword
    ;

// Every keyword but `app` (which `name` adds, and annotation names must not take).
keyword
    : K_AGGREGATE | K_AGGREGATION | K_ALL | K_AND | K_AS | K_ASC | K_AT | K_BEGIN | K_BOOL | K_BY
    | K_CURRENT | K_DEFINE | K_DELETE | K_DESC | K_DOUBLE | K_END | K_EVENTS | K_EVERY
    | K_EXPIRED | K_FALSE | K_FIRST | K_FLOAT | K_FOR | K_FROM | K_FULL | K_FUNCTION | K_GROUP
    | K_HAVING | K_IN | K_INNER | K_INSERT | K_INT | K_INTO | K_IS | K_JOIN | K_LAST | K_LEFT
    | K_LIMIT | K_LONG | K_NOT | K_NULL | K_OBJECT | K_OF | K_OFFSET | K_ON | K_OR | K_ORDER
    | K_OUTER | K_OUTPUT | K_PARTITION | K_PER | K_RETURN | K_RIGHT | K_SELECT | K_SET
    | K_SNAPSHOT | K_STREAM | K_STRING | K_TABLE | K_TRIGGER | K_TRUE | K_UNIDIRECTIONAL
    | K_UPDATE | K_WINDOW | K_WITH | K_WITHIN
    | timeUnit
    ;

// =============================================================================================
// Lexer

K_AGGREGATE: A G G R E G A T E;
K_AGGREGATION: A G G R E G A T I O N;
K_ALL: A L L;
K_AND: A N D;
K_APP: A P P;
K_AS: A S;
K_ASC: A S C;
K_AT: A T;
K_BEGIN: B E G I N;
K_BOOL: B O O L;
K_BY: B Y;
K_CURRENT: C U R R E N T;
K_DEFINE: D E F I N E;
K_DELETE: D E L E T E;
K_DESC: D E S C;
K_DOUBLE: D O U B L E;
K_END: E N D;
K_EVENTS: E V E N T S;
K_EVERY: E V E R Y;
K_EXPIRED: E X P I R E D;
K_FALSE: F A L S E;
K_FIRST: F I R S T;
K_FLOAT: F L O A T;
K_FOR: F O R;
K_FROM: F R O M;
K_FULL: F U L L;
K_FUNCTION: F U N C T I O N;
K_GROUP: G R O U P;
K_HAVING: H A V I N G;
K_IN: I N;
K_INNER: I N N E R;
K_INSERT: I N S E R T;
K_INT: I N T;
K_INTO: I N T O;
K_IS: I S;
K_JOIN: J O I N;
K_LAST: L A S T;
K_LEFT: L E F T;
K_LIMIT: L I M I T;
K_LONG: L O N G;
K_NOT: N O T;
K_NULL: N U L L;
K_OBJECT: O B J E C T;
K_OF: O F;
K_OFFSET: O F F S E T;
K_ON: O N;
K_OR: O R;
K_ORDER: O R D E R;
K_OUTER: O U T E R;
K_OUTPUT: O U T P U T;
K_PARTITION: P A R T I T I O N;
K_PER: P E R;
K_RETURN: R E T U R N;
K_RIGHT: R I G H T;
K_SELECT: S E L E C T;
K_SET: S E T;
K_SNAPSHOT: S N A P S H O T;
K_STREAM: S T R E A M;
K_STRING: S T R I N G;
K_TABLE: T A B L E;
K_TRIGGER: T R I G G E R;
K_TRUE: T R U E;
K_UNIDIRECTIONAL: U N I D I R E C T I O N A L;
K_UPDATE: U P D A T E;
K_WINDOW: W I N D O W;
K_WITH: W I T H;
K_WITHIN: W I T H I N;

K_YEAR: Y E A R;
K_YEARS: Y E A R S;
K_MONTH: M O N T H;
K_MONTHS: M O N T H S;
K_WEEK: W E E K;
K_WEEKS: W E E K S;
K_DAY: D A Y;
K_DAYS: D A Y S;
K_HOUR: H O U R;
K_HOURS: H O U R S;
K_MIN: M I N;
K_MINUTE: M I N U T E;
K_MINUTES: M I N U T E S;
K_SEC: S E C;
K_SECOND: S E C O N D;
K_SECONDS: S E C O N D S;
K_MILLISEC: M I L L I S E C;
K_MILLISECOND: M I L L I S E C O N D;
K_MILLISECONDS: M I L L I S E C O N D S;

AT_SIGN: '@';
COLON: ':';
SEMICOLON: ';';
COMMA: ',';
DOT: '.';
ELLIPSIS: '...';
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';
HASH: '#';
BANG: '!';
ARROW: '->';
QUESTION: '?';
ASSIGN: '=';
STAR: '*';
SLASH: '/';
PERCENT: '%';
PLUS: '+';
MINUS: '-';
LT: '<';
LE: '<=';
GT: '>';
GE: '>=';
EQ: '==';
NE: '!=';

INT_LITERAL: DIGIT+;
LONG_LITERAL: DIGIT+ [lL];
DOUBLE_LITERAL: (DECIMAL EXPONENT? | DIGIT+ EXPONENT) [dD]? | DIGIT+ [dD];
FLOAT_LITERAL: (DECIMAL EXPONENT? | DIGIT+ EXPONENT?) [fF];

// No escape sequences; '...' and "..." end at the line, """...""" may span lines.
STRING_LITERAL
    : '\'' ~['\r\n]* '\''
    | '"' ~["\r\n]* '"'
    | '"""' .*? '"""'
    ;

// Only longer than a string when the closing quote is missing: reported as an unterminated
// string instead of a cascade of errors about its contents.
UNTERMINATED_STRING
    : '\'' ~['\r\n]*
    | '"' ~["\r\n]*
    | '"""' ('"'? '"'? ~'"')* '"'? '"'? EOF   // the body cannot contain """, so it runs to the end
    ;

// The raw body of `define function`, braces balanced.
FUNCTION_BODY: '{' (~[{}] | FUNCTION_BODY)* '}';

ID: [a-zA-Z_] [a-zA-Z_0-9]*;
QUOTED_ID: '`' ~[`\r\n]+ '`';

LINE_COMMENT: '--' ~[\r\n]* -> skip;
BLOCK_COMMENT: '/*' .*? '*/' -> skip;
// A block comment without `*/` (the body cannot contain `*/`, so this never competes).
UNTERMINATED_COMMENT: '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;
WS: [ \t\r\n\f]+ -> skip;

fragment DIGIT: [0-9];
fragment DECIMAL: DIGIT+ '.' DIGIT+;
fragment EXPONENT: [eE] [+-]? DIGIT+;

fragment A: [aA];
fragment B: [bB];
fragment C: [cC];
fragment D: [dD];
fragment E: [eE];
fragment F: [fF];
fragment G: [gG];
fragment H: [hH];
fragment I: [iI];
fragment J: [jJ];
fragment K: [kK];
fragment L: [lL];
fragment M: [mM];
fragment N: [nN];
fragment O: [oO];
fragment P: [pP];
fragment Q: [qQ];
fragment R: [rR];
fragment S: [sS];
fragment T: [tT];
fragment U: [uU];
fragment V: [vV];
fragment W: [wW];
fragment X: [xX];
fragment Y: [yY];
fragment Z: [zZ];
