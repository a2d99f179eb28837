//! Merging findings into one graph.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use super::EVIDENCE_PER_EDGE;
use super::findings::{DocumentFindings, UnitNode};
use crate::graph::{ArticleInfo, Edge, Evidence, Graph, Metrics, Node};
use crate::rules::{ARTICLE, AUTHOR, ConceptId, KindId, RuleSet};

/// The relation from an article to a concept it mentions.
pub const MENTIONS: &str = "mentions";
/// The relation from an author to an article in whose byline they stand.
pub const WROTE: &str = "wrote";
/// The relation from an author to the unit their article names.
pub const AFFILIATED_WITH: &str = "affiliated_with";

/// Builds the graph from documents' findings, added in corpus order.
///
/// Node keys are interned once: a concept's node is found through a table indexed by
/// concept id (after its first lookup by key), and edges through a map of node-index
/// triples, so adding an occurrence never hashes a string.
pub struct GraphBuilder<'r> {
    rules: &'r RuleSet,
    article_kind: KindId,
    author_kind: KindId,
    graph: DiGraph<Node, Edge>,
    concept_nodes: Vec<Option<NodeIndex>>,
    /// Every node but articles, by key: one (kind, id), one node, whether it comes from
    /// a concept of the rules or from a byline.
    nodes_by_key: HashMap<(KindId, String), NodeIndex>,
    relations: Vec<String>,
    edges: HashMap<(NodeIndex, NodeIndex, usize), EdgeIndex>,
}

impl<'r> GraphBuilder<'r> {
    pub fn new(rules: &'r RuleSet) -> GraphBuilder<'r> {
        GraphBuilder {
            rules,
            article_kind: rules.kind(ARTICLE).expect("built-in kind"),
            author_kind: rules.kind(AUTHOR).expect("built-in kind"),
            graph: DiGraph::new(),
            concept_nodes: vec![None; rules.concepts.len()],
            nodes_by_key: HashMap::new(),
            relations: Vec::new(),
            edges: HashMap::new(),
        }
    }

    pub fn add_document(&mut self, findings: DocumentFindings) {
        for found in findings.articles {
            let article = &found.article;
            let info = ArticleInfo {
                kind: article.kind.name(),
                title: article.title.clone(),
                file: findings.file.clone(),
                first_line: article.lines.start,
                last_line: article.lines.end.saturating_sub(1),
                authors: article.authors.clone(),
                unit: article.unit.clone(),
                body_chars: found.body_chars,
            };
            let id = found.node_id.strip_prefix("article:").unwrap_or(&found.node_id).to_owned();
            let article_node = self.graph.add_node(Node {
                kind: self.article_kind,
                id,
                label: article.title.clone(),
                mentions: 0,
                articles: 1,
                forms: Vec::new(),
                article: Some(info),
                metrics: Metrics::default(),
            });
            for mention in found.mentions {
                let concept = self.concept_node(mention.concept);
                let node = &mut self.graph[concept];
                node.mentions += mention.count;
                node.articles += 1;
                for form in mention.forms {
                    if let Err(at) = node.forms.binary_search(&form) {
                        node.forms.insert(at, form);
                    }
                }
                self.add_edge(article_node, concept, MENTIONS, mention.count, mention.evidence);
            }
            let unit = found.unit.as_ref().and_then(|unit| {
                let node = match unit.node {
                    UnitNode::Concept(concept) => self.concept_node(concept),
                    UnitNode::Named(kind) => self.named_node(kind, &unit.name),
                    UnitNode::None => return None,
                };
                self.graph[node].articles += 1;
                Some((node, &unit.evidence))
            });
            for author in &article.authors {
                let author_node = self.named_node(self.author_kind, author);
                self.graph[author_node].articles += 1;
                let byline = found.byline.iter().cloned().collect();
                self.add_edge(author_node, article_node, WROTE, 1, byline);
                if let Some((unit_node, evidence)) = unit {
                    self.add_edge(author_node, unit_node, AFFILIATED_WITH, 1, vec![evidence.clone()]);
                }
            }
        }
    }

    /// The node of kind `kind` named `name`, created on first use.
    fn named_node(&mut self, kind: KindId, name: &str) -> NodeIndex {
        if let Some(&node) = self.nodes_by_key.get(&(kind, name.to_owned())) {
            return node;
        }
        let node = self.graph.add_node(Node {
            kind,
            id: name.to_owned(),
            label: name.to_owned(),
            mentions: 0,
            articles: 0,
            forms: Vec::new(),
            article: None,
            metrics: Metrics::default(),
        });
        self.nodes_by_key.insert((kind, name.to_owned()), node);
        node
    }

    fn concept_node(&mut self, concept: ConceptId) -> NodeIndex {
        if let Some(node) = self.concept_nodes[concept] {
            return node;
        }
        let definition = &self.rules.concepts[concept];
        let node = self.named_node(definition.kind, &definition.id);
        self.concept_nodes[concept] = Some(node);
        node
    }

    fn add_edge(&mut self, source: NodeIndex, target: NodeIndex, relation: &str, weight: u64, evidence: Vec<Evidence>) {
        let relation_id = match self.relations.iter().position(|r| r == relation) {
            Some(id) => id,
            None => {
                self.relations.push(relation.to_owned());
                self.relations.len() - 1
            }
        };
        let edge = *self.edges.entry((source, target, relation_id)).or_insert_with(|| {
            self.graph.add_edge(
                source,
                target,
                Edge { relation: relation.to_owned(), weight: 0, evidence: Vec::new(), association: None },
            )
        });
        let edge = &mut self.graph[edge];
        edge.weight += weight;
        let room = EVIDENCE_PER_EDGE.saturating_sub(edge.evidence.len());
        edge.evidence.extend(evidence.into_iter().take(room));
    }

    /// The finished graph, with nodes and edges in their canonical order.
    pub fn finish(self) -> Graph {
        let GraphBuilder { rules, graph, .. } = self;
        let (nodes, edges) = graph.into_nodes_edges();
        let mut order: Vec<usize> = (0..nodes.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&nodes[a].weight, &nodes[b].weight);
            (a.kind, natural_key(&a.id)).cmp(&(b.kind, natural_key(&b.id))).then_with(|| a.id.cmp(&b.id))
        });
        let mut new_index = vec![NodeIndex::new(0); nodes.len()];
        let mut sorted = DiGraph::with_capacity(nodes.len(), edges.len());
        let mut nodes: Vec<Option<Node>> = nodes.into_iter().map(|n| Some(n.weight)).collect();
        for old in order {
            let node = nodes[old].take().expect("each node moved once");
            new_index[old] = sorted.add_node(node);
        }
        let mut edges: Vec<_> = edges
            .into_iter()
            .map(|e| (new_index[e.source().index()], new_index[e.target().index()], e.weight))
            .collect();
        edges.sort_by(|a, b| (a.0, a.1, &a.2.relation).cmp(&(b.0, b.1, &b.2.relation)));
        for (source, target, edge) in edges {
            sorted.add_edge(source, target, edge);
        }
        Graph { kinds: rules.kinds.clone(), graph: sorted }
    }
}

/// Sort key that orders `f.txt#2` before `f.txt#10`: digit runs compare by value.
fn natural_key(id: &str) -> Vec<(u8, u64, &str)> {
    let mut key = Vec::new();
    let mut rest = id;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits <= 18 {
            key.push((0, rest[..digits].parse().unwrap_or(0), ""));
            rest = &rest[digits..];
        } else {
            let len = rest.char_indices().find(|&(i, c)| i > 0 && c.is_ascii_digit()).map_or(rest.len(), |(i, _)| i);
            key.push((1, 0, &rest[..len]));
            rest = &rest[len..];
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_of_ids() {
        let mut ids = vec!["a.txt#10", "a.txt#2", "a.txt#1", "b.txt#1"];
        ids.sort_by_key(|id| natural_key(id));
        assert_eq!(ids, ["a.txt#1", "a.txt#2", "a.txt#10", "b.txt#1"]);
    }
}
