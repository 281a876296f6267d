// ASTNames: GRDB and Foundation also export types named Statement, Expression and TableAlias;
// inside the engine those names mean the SnowSQL syntax tree.

import SnowSQL

typealias Statement = SnowSQL.Statement
typealias Expression = SnowSQL.Expression
typealias TableAlias = SnowSQL.TableAlias
