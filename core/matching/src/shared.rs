//! How a [`Matcher`](super::Matcher) holds its community: borrowed for the matcher's life, or
//! held through an [`Arc`], alone or shared with other owners (a binding that keeps the
//! community for later explanations need not copy it). A change made through the matcher copies
//! a borrowed or shared community once, first; no other holder ever sees the change.

use std::borrow::Cow;
use std::ops::Deref;
use std::sync::Arc;

use huzhu_model::Community;

/// The community a matcher works on. Both forms read the same; they differ only in who else
/// holds it. Converts from `&Community`, `Community`, `Arc<Community>` and `Cow<Community>`.
///
/// ```
/// use std::sync::Arc;
/// use huzhu::matching::MatcherCommunity;
/// use huzhu::model::{Community, WalkingSpeed};
///
/// let shared = Arc::new(Community::new("Lane 9"));
/// let mut held = MatcherCommunity::from(Arc::clone(&shared));
/// assert_eq!(held.name(), "Lane 9");
/// let slow = WalkingSpeed { metres_per_minute: 60 };
/// held.to_mut().set_walking(slow).unwrap();
/// assert_eq!(held.walking(), slow);
/// assert_eq!(shared.walking(), WalkingSpeed::default()); // the other owner's copy is untouched
/// ```
#[derive(Debug, Clone)]
pub enum MatcherCommunity<'a> {
    /// The caller's community, for as long as the matcher lives.
    Borrowed(&'a Community),
    /// A community the matcher owns, alone or with other owners; copied on the first change
    /// unless the matcher is its only owner.
    Shared(Arc<Community>),
}

impl MatcherCommunity<'_> {
    /// The community, to change: a borrowed one is copied first, a shared one copied unless the
    /// matcher is its only owner.
    pub fn to_mut(&mut self) -> &mut Community {
        match self {
            Self::Borrowed(c) => {
                *self = Self::Shared(Arc::new((*c).clone()));
                self.to_mut()
            }
            Self::Shared(c) => Arc::make_mut(c),
        }
    }
}

impl Deref for MatcherCommunity<'_> {
    type Target = Community;

    fn deref(&self) -> &Community {
        match self {
            Self::Borrowed(c) => c,
            Self::Shared(c) => c,
        }
    }
}

impl<'a> From<&'a Community> for MatcherCommunity<'a> {
    fn from(c: &'a Community) -> Self {
        Self::Borrowed(c)
    }
}

impl From<Community> for MatcherCommunity<'_> {
    fn from(c: Community) -> Self {
        Self::Shared(Arc::new(c))
    }
}

impl From<Arc<Community>> for MatcherCommunity<'_> {
    fn from(c: Arc<Community>) -> Self {
        Self::Shared(c)
    }
}

impl<'a> From<Cow<'a, Community>> for MatcherCommunity<'a> {
    fn from(c: Cow<'a, Community>) -> Self {
        match c {
            Cow::Borrowed(c) => Self::Borrowed(c),
            Cow::Owned(c) => Self::from(c),
        }
    }
}
