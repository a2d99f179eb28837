//! Relation rules: which kinds link, under which name, within which scope.

use super::{KindId, Origin};

/// A compiled relation rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// The edge's relation name: `practises`, `co_occurs`.
    pub name: String,
    pub from: KindId,
    pub to: KindId,
    pub scope: Scope,
    /// Undirected relations (co-occurrence) link each pair once, whichever comes first.
    pub directed: bool,
    pub note: Option<String>,
    pub origin: Origin,
}

/// Who may be the actor of a relation, and how an article's subjects are found (the
/// `[actors]` table of a rule file; several files' tables add up).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorRules {
    /// Organisations that are never an article's subject nor a sentence's actor: the
    /// centre, which issues what others carry out (`党中央`, `国务院`), by concept id.
    pub never: Vec<String>,
    /// Endings of place names (`县`, `市`, `街道`): a heading that names a place
    /// (`湖南泸溪县推行…`) is about the bodies named after it (`泸溪县委组织部`).
    pub place_endings: Vec<String>,
    /// How the name of a place's own body goes on after the place (`委`, `政府`): a
    /// heading that names the place is about `泸溪县委组织部`, not `新田县人民医院`. Empty:
    /// any body named after the place.
    pub place_bodies: Vec<String>,
    /// Words between two organisations' names that make the second part of the first
    /// (`旗下`, `所属`: `星海集团旗下的星海物流`), with or without `的`.
    pub subsidiary_markers: Vec<String>,
    /// Endings of a company's legal form (`有限公司`, `集团`), longest first: a name found
    /// in an article, less them (and less a leading place, where what is left still names
    /// something), is its short form there (`宁夏宝澜能源集团` → `宝澜能源`; see
    /// `matching::short_forms`). Empty: no short forms are read off names.
    pub legal_forms: Vec<String>,
    /// How the end of a name is contracted (`科技大学` → `科大`, `师范大学` → `师大`): a
    /// name found that ends so is named contracted too in its article (`星海科技大学` →
    /// `星海科大`). Longest ending first.
    pub contractions: Vec<(String, String)>,
    /// Words for actors that are no organisation (`国家`, `我国`, `各地`): a clause they
    /// open says who does what it names, which is not the article's subject
    /// (`国家先后将长沙纳入“一带一路”建设`).
    pub others: Vec<String>,
    /// Words that say a rule was broken (`违反`, `违背`): what is named right after one
    /// is not practised nor invoked (`因违反中央八项规定精神被处分`).
    pub breaches: Vec<String>,
    /// Prepositions that open a clause (`与`, `向`, `为`): the organisations named right
    /// after one, a list of them or one, are its object, not who acts
    /// (`与空港新城、简州新城管委会签订“东进”战略合作协议`).
    pub prepositions: Vec<String>,
    /// Words that bring in a partner (`联合`, `会同`): an organisation named right after
    /// one that follows another's name, or opens a clause, is the partner, not who acts
    /// (`星海银行联合星海县发改委建立融资对接工作机制`: the bank sets it up).
    pub companions: Vec<String>,
    /// Heads that, named alone, refer back to the quoted name they followed in the
    /// article (`“不忘初心、牢记使命”主题教育` … `第二批主题教育`): that name is mentioned
    /// again.
    pub back_references: Vec<String>,
    /// Verbs that attribute a quoted speech (`说`, `表示`, `介绍`): what the speech names
    /// is the practice of the organisation its speaker is named with
    /// (`“……”星海县委书记张三说`).
    pub speech_verbs: Vec<String>,
    /// Words that say a speaker speaks as a deputy (`代表团审议`: `星海县委书记张三在参加
    /// 星海代表团审议时说，…`): the bodies of the speaker's titles do not act in that
    /// sentence, and nor does the article's subject.
    pub deputies: Vec<String>,
}

/// Where two nodes must stand together for a relation to link them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The `from` node is the article's author or their unit; the `to` node is mentioned
    /// anywhere in the article. (`菏建国投`'s author writes about `七心工作法`.)
    Byline,
    /// The `from` node is a subject of the article (an organisation its heading or lede
    /// names, or that it names most; see `link::subjects`); the `to` node is mentioned
    /// anywhere in it.
    Subject,
    /// Both are mentioned in one sentence.
    Sentence,
    /// Both are mentioned in one paragraph.
    Paragraph,
    /// Both are mentioned in one article.
    Article,
}

impl Scope {
    pub fn parse(text: &str) -> Option<Scope> {
        match text {
            "byline" => Some(Scope::Byline),
            "subject" => Some(Scope::Subject),
            "sentence" => Some(Scope::Sentence),
            "paragraph" => Some(Scope::Paragraph),
            "article" => Some(Scope::Article),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Scope::Byline => "byline",
            Scope::Subject => "subject",
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Article => "article",
        }
    }
}
